using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Zoom;

namespace Saiyo.Web.Integrations;

/// <summary>Who acts on a linkage, for scoping and the audit log.</summary>
public sealed record LinkageActor(Guid CompanyId, Guid UserId, string Name, string? Ip);

public enum LinkOutcome { Linked, Denied, InvalidState, ZoomError, AccountLinkedElsewhere, NotAdmin }

public sealed record LinkResult(LinkOutcome Outcome, ZoomErrorKind? ZoomError = null);

/// <summary>
/// Flows 1 and 3: link a company's Zoom account by OAuth, keep its users, unlink from either side.
/// The authorization in flight lives in the database (any node takes the callback) and is bound
/// to the admin, the company and the browser that started it.
/// </summary>
public sealed partial class ZoomLinkageService(
    SaiyoDbContext db,
    IZoomOAuthClient oauth,
    IZoomApiClient api,
    ZoomTokenStore tokens,
    LinkageNotifier notifier,
    Meetings.InterviewerHostRemap remap,
    IDataProtectionProvider protection,
    TimeProvider time,
    ILogger<ZoomLinkageService> logger)
{
    public static readonly TimeSpan AuthorizationLifetime = TimeSpan.FromMinutes(10);
    private readonly IDataProtector _verifierProtector = protection.CreateProtector("Saiyo.Integrations.Zoom.PkceVerifier.v1");

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<VideoLinkage> GetOrCreateAsync(Guid companyId, CancellationToken ct)
    {
        var link = await db.VideoLinkages.FirstOrDefaultAsync(l => l.CompanyId == companyId && l.Provider == VideoProvider.Zoom, ct);
        if (link is not null) return link;
        link = new VideoLinkage { CompanyId = companyId, Provider = VideoProvider.Zoom, Status = LinkageStatus.NotLinked, UpdatedAtUtc = Now };
        db.VideoLinkages.Add(link);
        try
        {
            await db.SaveChangesAsync(ct);
            return link;
        }
        catch (DbUpdateException)
        {
            // Another request created it at the same moment.
            db.ChangeTracker.Clear();
            return await db.VideoLinkages.FirstAsync(l => l.CompanyId == companyId && l.Provider == VideoProvider.Zoom, ct);
        }
    }

    /// <summary>「認可待ち」 or 「未連携」 chosen on the screen. A live link is only ended by 「連携を解除」.</summary>
    public async Task<bool> SetStatusAsync(LinkageActor actor, LinkageStatus wanted, CancellationToken ct)
    {
        var link = await GetOrCreateAsync(actor.CompanyId, ct);
        if (wanted is not (LinkageStatus.NotLinked or LinkageStatus.AwaitingAuthorization)) return false;
        if (link.Status is LinkageStatus.Linked or LinkageStatus.ReauthorizationRequired) return false;
        if (link.Status == wanted) return true;
        link.Status = wanted;
        link.UpdatedAtUtc = Now;
        AuditLog.Write(db, time, actor.CompanyId, actor.UserId, actor.Name, AuditActions.StatusChanged, new Dictionary<string, string?> { ["status"] = wanted.ToString() }, actor.Ip);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>「認可開始」: remembers the authorization and returns Zoom's authorize URL.</summary>
    public async Task<Uri?> StartAuthorizationAsync(LinkageActor actor, string browserNonce, CancellationToken ct)
    {
        var link = await GetOrCreateAsync(actor.CompanyId, ct);
        if (link.Status is LinkageStatus.NotLinked) return null; // 認可待ち first, as the screen says

        var state = Base64Url(RandomNumberGenerator.GetBytes(32));
        var request = oauth.CreateAuthorizationRequest(state);
        db.OAuthAuthorizations.Add(new OAuthAuthorization
        {
            StateHash = Hash(state), BrowserBindingHash = Hash(browserNonce), CompanyId = actor.CompanyId, UserId = actor.UserId,
            Provider = VideoProvider.Zoom, ProtectedCodeVerifier = _verifierProtector.Protect(request.CodeVerifier),
            CreatedAtUtc = Now, ExpiresAtUtc = Now + AuthorizationLifetime,
        });
        // Old, unused authorizations are of no use to anyone.
        await db.OAuthAuthorizations.Where(a => a.ExpiresAtUtc < Now.AddDays(-1)).ExecuteDeleteAsync(ct);
        AuditLog.Write(db, time, actor.CompanyId, actor.UserId, actor.Name, AuditActions.AuthorizationStarted, ip: actor.Ip);
        await db.SaveChangesAsync(ct);
        return request.Url;
    }

    /// <summary>The callback from Zoom. Anything forged, replayed, late or foreign changes nothing.</summary>
    public async Task<LinkResult> CompleteAuthorizationAsync(LinkageActor actor, string? code, string? state, string? error, string? browserNonce, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(state) || string.IsNullOrEmpty(browserNonce)) return new(LinkOutcome.InvalidState);
        var stateHash = Hash(state);
        var pending = await db.OAuthAuthorizations.AsNoTracking().FirstOrDefaultAsync(a => a.StateHash == stateHash, ct);
        if (pending is null || pending.UsedAtUtc is not null || pending.ExpiresAtUtc <= Now
            || pending.CompanyId != actor.CompanyId || pending.UserId != actor.UserId
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.BrowserBindingHash), Encoding.ASCII.GetBytes(Hash(browserNonce))))
            return new(LinkOutcome.InvalidState);

        // Single use, also when two callbacks race on two nodes.
        var now = Now;
        var consumed = await db.OAuthAuthorizations
            .Where(a => a.Id == pending.Id && a.UsedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UsedAtUtc, now), ct);
        if (consumed == 0) return new(LinkOutcome.InvalidState);

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            await FailAsync(actor, string.IsNullOrEmpty(error) ? "no_code" : error, ct);
            return new(LinkOutcome.Denied);
        }

        var exchanged = await oauth.ExchangeCodeAsync(code, _verifierProtector.Unprotect(pending.ProtectedCodeVerifier), ct);
        if (!exchanged.IsSuccess)
        {
            await FailAsync(actor, exchanged.Error!.Kind.ToString(), ct);
            return new(LinkOutcome.ZoomError, exchanged.Error.Kind);
        }

        var pendingKey = tokens.HoldPending(exchanged.Value);
        var me = await api.GetMeAsync(pendingKey, ct);
        if (!me.IsSuccess || string.IsNullOrEmpty(me.Value.AccountId))
        {
            await FailAsync(actor, me.Error?.Kind.ToString() ?? "no_account_id", ct);
            return new(LinkOutcome.ZoomError, me.Error?.Kind);
        }

        var accountId = me.Value.AccountId;
        var elsewhere = await db.VideoLinkages.FirstOrDefaultAsync(l => l.Provider == VideoProvider.Zoom && l.ExternalAccountId == accountId && l.CompanyId != actor.CompanyId, ct);
        if (elsewhere is not null)
        {
            // Not revoked: revoking would end the other company's link to the same account. Zoom has already ended that
            // link's tokens on this new Allow, though, so its admins learn why their link will ask for 再認可.
            await notifier.NotifyAuthorizedElsewhereAsync(db, elsewhere, me.Value.Email, ct);
            await FailAsync(actor, "account_linked_to_another_company", ct);
            return new(LinkOutcome.AccountLinkedElsewhere);
        }

        var link = await GetOrCreateAsync(actor.CompanyId, ct);
        link.Status = LinkageStatus.Linked;
        link.ExternalAccountId = accountId;
        link.AuthorizedByUserId = actor.UserId;
        link.AuthorizedByName = actor.Name;
        link.AuthorizedByExternalEmail = me.Value.Email;
        link.AuthorizedAtUtc = Now;
        link.LastError = null;
        tokens.Store(link, exchanged.Value);
        AuditLog.Write(db, time, actor.CompanyId, actor.UserId, actor.Name, AuditActions.Authorized,
            new Dictionary<string, string?> { ["account"] = accountId, ["email"] = me.Value.Email, ["scopes"] = link.Scopes }, actor.Ip);
        await db.SaveChangesAsync(ct);
        LogLinked(logger, actor.CompanyId, accountId);

        await ReloadUsersAsync(actor, ct);
        return new(LinkOutcome.Linked);
    }

    /// <summary>
    /// Loads every user of the linked account (all pages) for 「Zoomユーザ選択」. A staff member whose Zoom user this changes
    /// (their e-mail now matches a user, or their user is gone) has their coming 日程 moved at once: what moved is the value.
    /// </summary>
    public async Task<ZoomResult<Meetings.InterviewerHostRemap.Outcome>> ReloadUsersAsync(LinkageActor actor, CancellationToken ct)
    {
        var link = await db.VideoLinkages.Include(l => l.Users).FirstOrDefaultAsync(l => l.CompanyId == actor.CompanyId && l.Provider == VideoProvider.Zoom, ct);
        if (link is null || link.Status != LinkageStatus.Linked)
            return new ZoomError(ZoomErrorKind.ReauthorizationRequired, "not linked");
        var staffUsers = await remap.StaffUsersAsync(actor.CompanyId, link.Users, ct);
        var users = await api.ListUsersAsync(link.Id.ToString(), ct);
        // The call may have refreshed the tokens (or marked 要再認可) in the token store's own context: read the row fresh.
        await db.Entry(link).ReloadAsync(ct);
        if (!users.IsSuccess)
        {
            link.LastError = users.Error!.Kind.ToString();
            await db.SaveChangesAsync(ct);
            return users.Error;
        }

        var byId = link.Users.ToDictionary(u => u.ExternalUserId);
        var seen = new HashSet<string>();
        foreach (var u in users.Value)
        {
            seen.Add(u.Id);
            if (!byId.TryGetValue(u.Id, out var row))
            {
                row = new ExternalVideoUser { LinkageId = link.Id, CompanyId = link.CompanyId, ExternalUserId = u.Id, Email = u.Email };
                db.ExternalVideoUsers.Add(row);
            }
            row.Email = u.Email;
            row.DisplayName = u.DisplayName ?? $"{u.FirstName} {u.LastName}".Trim();
            row.Licensed = u.Type >= 2;
            row.TimeZone = u.TimeZone;
        }
        db.ExternalVideoUsers.RemoveRange(link.Users.Where(u => !seen.Contains(u.ExternalUserId)));
        link.UsersLoadedAtUtc = Now;
        link.LastError = null;
        AuditLog.Write(db, time, actor.CompanyId, actor.UserId, actor.Name, AuditActions.UsersReloaded,
            new Dictionary<string, string?> { ["count"] = users.Value.Count.ToString(CultureInfo.InvariantCulture) }, actor.Ip);
        await db.SaveChangesAsync(ct);
        return ZoomResult.Success(await remap.UsersReloadedAsync(actor.CompanyId, staffUsers, (actor.UserId, actor.Name, actor.Ip), ct));
    }

    /// <summary>「連携を解除」: revoke at Zoom (best effort) and delete the tokens and users here whatever Zoom says.</summary>
    public async Task<bool> UnlinkAsync(LinkageActor actor, CancellationToken ct)
    {
        var link = await db.VideoLinkages.Include(l => l.Users).FirstOrDefaultAsync(l => l.CompanyId == actor.CompanyId && l.Provider == VideoProvider.Zoom, ct);
        if (link is null || link.ProtectedAccessToken is null && link.Status == LinkageStatus.NotLinked) return true;

        var revoked = true;
        var refresh = tokens.UnprotectRefreshToken(link);
        if (refresh is not null)
        {
            ZoomResult result;
            try { result = await oauth.RevokeAsync(refresh, ct); }
            catch (HttpRequestException ex) { result = ZoomResult.Failure(new ZoomError(ZoomErrorKind.Transient, ex.Message)); }
            revoked = result.IsSuccess;
            if (!revoked)
                AuditLog.Write(db, time, actor.CompanyId, actor.UserId, actor.Name, AuditActions.RevokeFailed, new Dictionary<string, string?> { ["reason"] = result.Error!.Kind.ToString() }, actor.Ip);
        }
        var account = link.ExternalAccountId;
        Clear(link);
        AuditLog.Write(db, time, actor.CompanyId, actor.UserId, actor.Name, AuditActions.Unlinked, new Dictionary<string, string?> { ["account"] = account }, actor.Ip);
        await db.SaveChangesAsync(ct);
        return revoked;
    }

    /// <summary>Zoom's app_deauthorized: idempotent; an unknown account changes nothing.</summary>
    public async Task<bool> HandleDeauthorizedAsync(string accountId, string? zoomUserId, DateTimeOffset? deauthorizedAt, CancellationToken ct)
    {
        var link = await db.VideoLinkages.Include(l => l.Users)
            .FirstOrDefaultAsync(l => l.Provider == VideoProvider.Zoom && l.ExternalAccountId == accountId, ct);
        if (link is null) return false;
        // A removal that happened before the current authorization is about an earlier link: the app was added again since.
        if (deauthorizedAt is { } at && link.AuthorizedAtUtc is { } authorizedAt && at.UtcDateTime < authorizedAt)
        {
            AuditLog.Write(db, time, link.CompanyId, null, "Zoom", AuditActions.StaleDeauthorizationIgnored, new Dictionary<string, string?>
            {
                ["account"] = accountId, ["removedAt"] = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                ["authorizedAt"] = DateTime.SpecifyKind(authorizedAt, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
            });
            await db.SaveChangesAsync(ct);
            return true;
        }
        Clear(link);
        AuditLog.Write(db, time, link.CompanyId, null, "Zoom", AuditActions.Deauthorized, new Dictionary<string, string?> { ["account"] = accountId, ["zoomUser"] = zoomUserId });
        await notifier.NotifyDeauthorizedAsync(db, link.CompanyId, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void Clear(VideoLinkage link)
    {
        link.Status = LinkageStatus.NotLinked;
        link.ProtectedAccessToken = null;
        link.ProtectedRefreshToken = null;
        link.AccessTokenExpiresAtUtc = null;
        link.ExternalAccountId = null;
        link.ExternalAccountName = null;
        link.AuthorizedByUserId = null;
        link.AuthorizedByName = null;
        link.AuthorizedByExternalEmail = null;
        link.AuthorizedAtUtc = null;
        link.Scopes = null;
        link.ApiUrl = null;
        link.UsersLoadedAtUtc = null;
        link.LastError = null;
        link.TokenVersion++;
        link.UpdatedAtUtc = Now;
        db.ExternalVideoUsers.RemoveRange(link.Users);
    }

    private async Task FailAsync(LinkageActor actor, string reason, CancellationToken ct)
    {
        AuditLog.Write(db, time, actor.CompanyId, actor.UserId, actor.Name, AuditActions.AuthorizationFailed, new Dictionary<string, string?> { ["reason"] = reason }, actor.Ip);
        await db.SaveChangesAsync(ct);
    }

    public static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "Company {CompanyId} linked Zoom account {AccountId}")]
    private static partial void LogLinked(ILogger logger, Guid companyId, string accountId);
}
