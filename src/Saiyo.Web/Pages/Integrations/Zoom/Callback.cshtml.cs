using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Web.Integrations;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Integrations.Zoom;

/// <summary>Zoom sends the admin back here with ?code&amp;state (or ?error). Every outcome ends on the linkage screen with a message.</summary>
public sealed class CallbackModel(SaiyoDbContext db, CurrentCompany current, ZoomLinkageService linkage, IStringLocalizer<SharedResource> l)
    : IntegrationPageModel(db, current)
{
    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error, CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        if (!CanManage || !LinkageContracted) return Forbid();
        var nonce = Request.Cookies[Integrations.IndexModel.BrowserBindingCookie];
        var result = await linkage.CompleteAuthorizationAsync(Actor(), code, state, error, nonce, ct);
        // A forged or stale callback must not end the authorization this browser really has in flight.
        if (result.Outcome != LinkOutcome.InvalidState)
            Response.Cookies.Delete(Integrations.IndexModel.BrowserBindingCookie, new CookieOptions { Path = "/Integrations/Zoom" });
        if (result.Outcome == LinkOutcome.Linked)
        {
            TempData["Flash"] = l["Integrations.Linked"].Value;
            return RedirectToPage("Index");
        }
        TempData["Error"] = result.Outcome switch
        {
            LinkOutcome.Denied => l["Integrations.Denied"].Value,
            LinkOutcome.AccountLinkedElsewhere => l["Integrations.AccountLinkedElsewhere"].Value,
            LinkOutcome.ZoomError => l["Integrations.ZoomFailed", l["ZoomError." + result.ZoomError].Value].Value,
            _ => l["Integrations.InvalidCallback"].Value,
        };
        return RedirectToPage("../Index");
    }
}
