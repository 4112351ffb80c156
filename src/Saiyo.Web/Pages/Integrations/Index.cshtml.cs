using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Web.Integrations;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Integrations;

/// <summary>
/// Web面接連携サービス: one row per video service. Flow 1: choose 「認可待ち」, 「設定」, then
/// 「認可開始」 sends the admin to Zoom's login and consent.
/// </summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current, ZoomLinkageService linkage, TimeProvider time, IStringLocalizer<SharedResource> l)
    : IntegrationPageModel(db, current)
{
    public const string BrowserBindingCookie = "saiyo.zoom-oauth";

    public IReadOnlyList<ServiceRow> Rows { get; private set; } = [];

    [BindProperty]
    public LinkageStatus WantedStatus { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        if (!CanManage || !LinkageContracted) return Forbid();
        if (!await linkage.SetStatusAsync(Actor(), WantedStatus, ct))
            TempData["Error"] = l["Integrations.StatusNotChanged"].Value;
        else
            TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage();
    }

    /// <summary>「認可開始」: bind the authorization to this browser with a cookie nonce, then off to Zoom.</summary>
    public async Task<IActionResult> OnPostAuthorizeAsync(CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        if (!CanManage || !LinkageContracted) return Forbid();
        var nonce = ZoomLinkageService.Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var url = await linkage.StartAuthorizationAsync(Actor(), nonce, ct);
        if (url is null)
        {
            TempData["Error"] = l["Integrations.ChooseAwaitingFirst"].Value;
            return RedirectToPage();
        }
        Response.Cookies.Append(BrowserBindingCookie, nonce, new CookieOptions
        {
            HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true,
            Path = "/Integrations/Zoom", Expires = time.GetUtcNow() + ZoomLinkageService.AuthorizationLifetime,
        });
        return Redirect(url.ToString());
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        var companyId = Current.Id;
        var zoom = await Db.VideoLinkages.AsNoTracking()
            .Where(x => x.CompanyId == companyId && x.Provider == VideoProvider.Zoom)
            .Select(x => new { x.Status, x.AuthorizedByExternalEmail, x.AuthorizedAtUtc, Users = x.Users.Count })
            .FirstOrDefaultAsync(ct);
        // One row per provider the code knows; a second provider is one more enum value and one more row.
        Rows =
        [
            new ServiceRow(VideoProvider.Zoom, "Zoom", zoom?.Status ?? LinkageStatus.NotLinked, zoom?.AuthorizedByExternalEmail, zoom?.AuthorizedAtUtc, zoom?.Users ?? 0, "/Integrations/Zoom"),
        ];
    }

    public sealed record ServiceRow(VideoProvider Provider, string Name, LinkageStatus Status, string? Account, DateTime? AuthorizedAtUtc, int UserCount, string DetailUrl);
}
