using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Web.Integrations;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Integrations.Zoom;

/// <summary>「連携を解除」 with a confirmation step. Works even when Zoom cannot be reached.</summary>
public sealed class UnlinkModel(SaiyoDbContext db, CurrentCompany current, ZoomLinkageService linkage, IStringLocalizer<SharedResource> l)
    : IntegrationPageModel(db, current)
{
    public IActionResult OnGet() => CanManage ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        if (!CanManage) return Forbid();
        var revoked = await linkage.UnlinkAsync(Actor(), ct);
        TempData[revoked ? "Flash" : "Error"] = revoked ? l["Integrations.Unlinked"].Value : l["Integrations.UnlinkedRevokeFailed"].Value;
        return RedirectToPage("../Index");
    }
}
