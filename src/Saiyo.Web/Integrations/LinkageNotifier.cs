using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Staff;
using Saiyo.Web.Localization;
using Saiyo.Web.Mail;

namespace Saiyo.Web.Integrations;

/// <summary>Tells a company's admins that its linkage changed state without them: mail (each in their own language) and audit.</summary>
public sealed class LinkageNotifier(IStringLocalizerFactory localizers, TimeProvider time)
{
    /// <summary>Zoom refused the refresh token: status 要再認可, audit, mail to admins. Caller saves.</summary>
    public async Task MarkReauthorizationRequiredAsync(SaiyoDbContext db, VideoLinkage link, CancellationToken ct)
    {
        if (link.Status == LinkageStatus.ReauthorizationRequired) return;
        link.Status = LinkageStatus.ReauthorizationRequired;
        link.LastError = "invalid_grant";
        link.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        AuditLog.Write(db, time, link.CompanyId, null, "Zoom", AuditActions.ReauthorizationRequired);
        await MailAdminsAsync(db, link.CompanyId, "Mail.Reauthorize", ct);
    }

    /// <summary>The app was removed in Zoom's Marketplace. Caller saves.</summary>
    public Task NotifyDeauthorizedAsync(SaiyoDbContext db, Guid companyId, CancellationToken ct) =>
        MailAdminsAsync(db, companyId, "Mail.Deauthorized", ct);

    /// <summary>
    /// A Zoom admin of this company's linked account allowed the app for another company (refused there). Zoom ends the
    /// earlier tokens on every new Allow, so this link will ask for 再認可: audit and mail the admins, never naming the
    /// other company. Caller saves.
    /// </summary>
    public async Task NotifyAuthorizedElsewhereAsync(SaiyoDbContext db, VideoLinkage link, string? zoomUserEmail, CancellationToken ct)
    {
        AuditLog.Write(db, time, link.CompanyId, null, "Zoom", AuditActions.AuthorizedElsewhere,
            new Dictionary<string, string?> { ["account"] = link.ExternalAccountId, ["zoomUser"] = zoomUserEmail });
        await MailAdminsAsync(db, link.CompanyId, "Mail.AuthorizedElsewhere", ct);
    }

    private async Task MailAdminsAsync(SaiyoDbContext db, Guid companyId, string key, CancellationToken ct)
    {
        var adminRole = await db.Roles.Where(r => r.Name == StaffRoles.Admin).Select(r => r.Id).FirstAsync(ct);
        var admins = await db.Users
            .Where(u => u.CompanyId == companyId && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole))
            .Select(u => new { Email = u.Email!, u.Language })
            .ToListAsync(ct);
        var outbox = new MailOutbox(db, time);
        foreach (var admin in admins)
        {
            using var _ = new CultureScope(StaffLanguage.ForMail(admin.Language));
            var l = localizers.Create(typeof(SharedResource));
            outbox.Add(companyId, admin.Email, l[key + ".Subject"], l[key + ".Body"] + "\n");
        }
    }
}
