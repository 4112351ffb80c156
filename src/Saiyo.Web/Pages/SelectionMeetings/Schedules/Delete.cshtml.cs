using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings.Schedules;

/// <summary>
/// 日程の削除 with bookings: lists the booked applicants and the cancellation mail each will get, takes an optional message
/// from staff for that mail, and deletes only on 「削除する」 (a form post; no script needed).
/// </summary>
public sealed class DeleteModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, IOptions<MeetingSyncOptions> meetings)
    : SchedulePageModel(db, current, clock, signal, l, meetings)
{
    public Guid ScheduleId { get; private set; }
    public string When { get; private set; } = "";
    public IReadOnlyList<BookingImpact.Row> Impact { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var s = await FindScheduleAsync(id, ct);
        if (s is null || !await LoadEventAsync(s.EventId, ct)) return NotFound();
        ScheduleId = s.Id;
        When = ScheduleRules.FormatRange(s.StartUtc, s.EndUtc, Zone);
        Impact = await BookingImpact.OfSchedulesAsync(Db, Current.Id, [s.Id], Zone, L["Impact.Mail.Cancelled"].Value, ct);
        return Page();
    }
}
