using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>
/// 「削除待ちのZoomミーティング」: deleted 日程 whose meeting Zoom has not confirmed deleted yet (its join URL still works
/// there). The meeting worker keeps trying with backoff up to a day; 再試行 has it try now.
/// </summary>
public sealed class PendingDeletionsModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public sealed record Row(Guid Id, string When, string EventName, long? ZoomMeetingId, int Attempts, string? LastError, string? NextAttempt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } one && await FindTombstoneAsync(one, ct) is null) return NotFound();
        var companyId = Current.Id;
        var zone = await Clock.ZoneAsync(ct);
        var rows = await (
                from s in Db.Schedules.AsNoTracking()
                join e in Db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
                where s.CompanyId == companyId && s.Deleted
                orderby s.StartUtc
                select new { s.Id, s.StartUtc, s.EndUtc, e.Name, s.Meeting.ZoomId, s.Meeting.Attempts, s.Meeting.LastError, s.Meeting.NextAttemptAtUtc })
            .ToListAsync(ct);
        Rows = [.. rows.Select(r => new Row(r.Id, Schedules.ScheduleRules.FormatRange(r.StartUtc, r.EndUtc, zone), r.Name, r.ZoomId, r.Attempts, r.LastError,
            r.NextAttemptAtUtc is { } at ? TimeZones.Format(at, zone) : null))];
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        if (await FindTombstoneAsync(id, ct) is not { } s) return NotFound();
        s.Meeting.State = MeetingState.Pending;
        s.Meeting.Attempts = 0;
        s.Meeting.NextAttemptAtUtc = NowUtc;
        try
        {
            await SaveAsync(ct);
            TempData["Flash"] = L["Schedule.Retrying"].Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = L["Schedule.ChangedMeanwhile"].Value; // the worker finished it meanwhile
        }
        return Redirect("/SelectionMeetings/PendingDeletions");
    }

    private Task<Schedule?> FindTombstoneAsync(Guid id, CancellationToken ct)
    {
        var companyId = Current.Id;
        return Db.Schedules.FirstOrDefaultAsync(s => s.Id == id && s.CompanyId == companyId && s.Deleted, ct);
    }
}
