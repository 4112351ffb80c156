using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saiyo.Data;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>全選考会の週表示: every 選考会's 日程 of one week, for 管理者 and 採用担当 planning across the company.</summary>
public sealed class WeekModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock) : PageModel
{
    public WeekGrid Grid { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? week, CancellationToken ct)
    {
        Grid = await WeekGrid.LoadAsync(db, current.Id, null, week, await clock.ZoneAsync(ct), clock.NowUtc, ct);
        Grid.BaseUrl = "/SelectionMeetings/Week";
        Grid.AllMeetings = true;
        return Page();
    }
}
