using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Web.Integrations;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;
using Saiyo.Zoom;

namespace Saiyo.Web.Pages.Integrations.Zoom;

/// <summary>The linked Zoom account: who authorized it, when, the scopes, its users (「Zoomユーザ選択」 offers them).</summary>
public sealed class IndexModel(
    SaiyoDbContext db, CurrentCompany current, ZoomLinkageService linkage, IStringLocalizer<SharedResource> l, TimeProvider time, ZoomReconciliationSignal reconciliation)
    : IntegrationPageModel(db, current)
{
    public VideoLinkage? Linkage { get; private set; }
    public IReadOnlyList<ExternalVideoUser> Users { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        if (!LinkageContracted) return RedirectToPage("../Index");
        var companyId = Current.Id;
        Linkage = await Db.VideoLinkages.AsNoTracking().FirstOrDefaultAsync(x => x.CompanyId == companyId && x.Provider == VideoProvider.Zoom, ct);
        if (Linkage is null) return RedirectToPage("../Index");
        Users = await Db.ExternalVideoUsers.AsNoTracking().Where(u => u.LinkageId == Linkage.Id)
            .OrderByDescending(u => u.Licensed).ThenBy(u => u.DisplayName).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReloadAsync(CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        if (!CanManage || !LinkageContracted) return Forbid();
        var result = await linkage.ReloadUsersAsync(Actor(), ct);
        if (result.IsSuccess)
            TempData["Flash"] = $"{l["Integrations.UsersReloaded"].Value} {InterviewerHostRemap.Describe(result.Value, l, "Integrations.UsersReloadedMoved")}".TrimEnd();
        else TempData["Error"] = l["ZoomError." + result.Error!.Kind].Value;
        return RedirectToPage();
    }

    public const int MaxMeetingsPerHost = 10;

    /// <summary>「1ユーザが同時に開催できるミーティング数」: how many meetings the ホストプール gives one host at once (the account's plan).</summary>
    public async Task<IActionResult> OnPostMeetingsPerHostAsync([FromForm] string? meetingsPerHost, CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        if (!CanManage || !LinkageContracted) return Forbid();
        if (!int.TryParse(meetingsPerHost, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxMeetingsPerHost)
        {
            TempData["Error"] = l["Integrations.MeetingsPerHostInvalid", 1, MaxMeetingsPerHost].Value;
            return RedirectToPage();
        }
        var companyId = Current.Id;
        await Db.VideoLinkages.Where(x => x.CompanyId == companyId && x.Provider == VideoProvider.Zoom)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.MeetingsPerHost, n), ct);
        TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage();
    }

    /// <summary>「今すぐ照合」: the reconciliation is due now, on whichever node claims it first.</summary>
    public async Task<IActionResult> OnPostReconcileAsync(CancellationToken ct)
    {
        await LoadCompanyAsync(ct);
        if (!CanManage || !LinkageContracted) return Forbid();
        var companyId = Current.Id;
        var now = time.GetUtcNow().UtcDateTime;
        var asked = await Db.VideoLinkages.Where(x => x.CompanyId == companyId && x.Provider == VideoProvider.Zoom && x.Status == LinkageStatus.Linked)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextReconciliationAtUtc, now), ct);
        if (asked == 0) return RedirectToPage();
        var actor = Actor();
        AuditLog.Write(Db, time, companyId, actor.UserId, actor.Name, AuditActions.ReconciliationRequested, ip: actor.Ip);
        await Db.SaveChangesAsync(ct);
        reconciliation.Poke();
        TempData["Flash"] = l["Integrations.ReconciliationRequested"].Value;
        return RedirectToPage();
    }
}
