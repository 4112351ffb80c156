using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>日程設定's 週表示: one 選考会's 日程 of a week as days × hours.</summary>
public sealed class MeetingWeekModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public SelectionMeeting Meeting { get; private set; } = null!;
    public WeekGrid Grid { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, string? week, CancellationToken ct)
    {
        if (await FindMeetingAsync(id, ct) is not { } meeting) return NotFound();
        Meeting = meeting;
        Grid = await WeekGrid.LoadAsync(Db, Current.Id, id, week, await Clock.ZoneAsync(ct), NowUtc, ct);
        Grid.BaseUrl = $"/SelectionMeetings/{id}/Week";
        return Page();
    }
}
