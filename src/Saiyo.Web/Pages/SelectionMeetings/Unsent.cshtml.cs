using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Pages.SelectionMeetings.Schedules;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>
/// 送信停止中の予約: while the Zoom linkage is not 連携中, the applicants booked on coming Zoom 日程, and whether their
/// meeting lies on the account that was removed (staff reach them another way, or re-link so that Saiyo re-issues).
/// </summary>
public sealed class UnsentModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public sealed record Row(Guid ApplicantId, string Name, string Email, Guid SelectionMeetingId, string MeetingName, string EventName, string When, bool MeetingOnRemovedAccount);

    public LinkageStatus LinkageStatus { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var companyId = Current.Id;
        LinkageStatus = await UnsentMeetings.LinkageStatusAsync(Db, companyId, ct);
        if (LinkageStatus == LinkageStatus.Linked) return Page();
        var zone = await Clock.ZoneAsync(ct);
        var rows = await (
            from b in UnsentMeetings.Bookings(Db, companyId, NowUtc)
            join a in Db.Applicants on b.ApplicantId equals a.Id
            join s in Db.Schedules on b.ScheduleId equals s.Id
            join e in Db.InterviewEvents on s.EventId equals e.Id
            join m in Db.SelectionMeetings on e.SelectionMeetingId equals m.Id
            where a.CompanyId == companyId
            orderby s.StartUtc, a.Name
            select new { a.Id, a.Name, a.Email, MeetingId = m.Id, MeetingName = m.Name, EventName = e.Name, s.StartUtc, s.EndUtc, HasMeeting = s.Meeting.ZoomId != null })
            .AsNoTracking().ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.Name, r.Email, r.MeetingId, r.MeetingName, r.EventName, ScheduleRules.FormatRange(r.StartUtc, r.EndUtc, zone), r.HasMeeting)).ToList();
        return Page();
    }
}
