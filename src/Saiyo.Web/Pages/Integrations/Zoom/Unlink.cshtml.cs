using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Web.Integrations;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Pages.SelectionMeetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Integrations.Zoom;

/// <summary>
/// 「連携を解除」 with a confirmation step that names the applicants booked on coming Zoom 日程 (their meetings stay at
/// Zoom but are no longer kept in step). Works even when Zoom cannot be reached.
/// </summary>
public sealed class UnlinkModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, ZoomLinkageService linkage, IStringLocalizer<SharedResource> l)
    : IntegrationPageModel(db, current)
{
    public IReadOnlyList<BookingImpact.Row> Impact { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var booked = await UnsentMeetings.Schedules(Db, Current.Id, clock.NowUtc).Where(s => s.BookedCount > 0).Select(s => s.Id).ToListAsync(ct);
        Impact = await BookingImpact.OfSchedulesAsync(Db, Current.Id, booked, await clock.ZoneAsync(ct), l["Impact.Mail.Unlink"].Value, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        if (!CanManage) return Forbid();
        var revoked = await linkage.UnlinkAsync(Actor(), ct);
        TempData[revoked ? "Flash" : "Error"] = revoked ? l["Integrations.Unlinked"].Value : l["Integrations.UnlinkedRevokeFailed"].Value;
        return RedirectToPage("../Index");
    }
}
