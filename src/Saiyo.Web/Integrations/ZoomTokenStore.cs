using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Zoom;

namespace Saiyo.Web.Integrations;

/// <summary>
/// Saiyo's side of Zoom tokens: encrypted at rest, refreshed ahead of expiry, and refreshed by one
/// writer at a time across every node. The connection key is the linkage id.
/// </summary>
/// <remarks>
/// Zoom rotates the refresh token on every refresh and the old one then answers invalid_grant, so
/// two nodes refreshing at once would break the link. The refresher takes a row lock on the linkage
/// (a no-op UPDATE inside a transaction: a row lock on PostgreSQL, the write lock on SQLite),
/// re-reads, and refreshes only if nobody did in the meantime; the rotated token is committed
/// before it is handed to anyone.
/// </remarks>
public sealed partial class ZoomTokenStore(
    IServiceScopeFactory scopes,
    IZoomOAuthClient oauth,
    IDataProtectionProvider protection,
    LinkageNotifier notifier,
    TimeProvider time,
    ILogger<ZoomTokenStore> logger) : IZoomTokenSource
{
    /// <summary>Refresh when less than this is left, so that a token never expires mid-request.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector(TokenPurpose);
    public const string TokenPurpose = "Saiyo.Integrations.Zoom.Tokens.v1";

    private const string PendingPrefix = "pending:";
    private readonly Dictionary<string, ZoomAccessToken> _pending = [];

    /// <summary>
    /// Lets this request call Zoom with tokens not saved yet (right after the code exchange, to learn
    /// the account before linking it). Lives only as long as the request's scope.
    /// </summary>
    public string HoldPending(ZoomTokenSet tokenSet)
    {
        var key = PendingPrefix + Guid.NewGuid().ToString("N");
        _pending[key] = tokenSet.ToAccessToken();
        return key;
    }

    public async ValueTask<ZoomAccessToken> GetAccessTokenAsync(string connectionKey, CancellationToken cancellationToken)
    {
        if (_pending.TryGetValue(connectionKey, out var held)) return held;
        var link = await LoadAsync(connectionKey, cancellationToken);
        if (link.AccessTokenExpiresAtUtc - time.GetUtcNow().UtcDateTime > RefreshAhead)
            return ToAccessToken(link);
        return await RefreshAsync(connectionKey, link.TokenVersion, cancellationToken);
    }

    public async ValueTask<ZoomAccessToken> RefreshAfterRejectionAsync(string connectionKey, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        if (connectionKey.StartsWith(PendingPrefix, StringComparison.Ordinal)) throw new ZoomReauthorizationRequiredException();
        var link = await LoadAsync(connectionKey, cancellationToken);
        if (_protector.Unprotect(link.ProtectedAccessToken!) != rejectedAccessToken)
            return ToAccessToken(link); // someone refreshed since the rejected call
        return await RefreshAsync(connectionKey, link.TokenVersion, cancellationToken);
    }

    /// <summary>Stores a fresh token set (after authorization or refresh) on a tracked linkage.</summary>
    public void Store(VideoLinkage link, ZoomTokenSet tokens)
    {
        link.ProtectedAccessToken = _protector.Protect(tokens.AccessToken);
        link.ProtectedRefreshToken = _protector.Protect(tokens.RefreshToken);
        link.AccessTokenExpiresAtUtc = tokens.ExpiresAtUtc.UtcDateTime;
        link.ApiUrl = tokens.ApiUrl.ToString();
        link.Scopes = string.Join(' ', tokens.Scopes);
        link.TokenVersion++;
        link.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
    }

    public string? UnprotectRefreshToken(VideoLinkage link) =>
        link.ProtectedRefreshToken is null ? null : _protector.Unprotect(link.ProtectedRefreshToken);

    private async Task<ZoomAccessToken> RefreshAsync(string connectionKey, int seenVersion, CancellationToken ct)
    {
        var id = Guid.Parse(connectionKey);
        // Its own DbContext: the caller's may hold unsaved changes that must not ride along.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Take the lock first, then read: whoever waited here sees the refreshed row.
            await db.VideoLinkages.Where(l => l.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.TokenVersion, l => l.TokenVersion), ct);
            var link = await db.VideoLinkages.FirstOrDefaultAsync(l => l.Id == id, ct);
            if (link is null || link.Status != LinkageStatus.Linked || link.ProtectedRefreshToken is null)
                throw new ZoomReauthorizationRequiredException();
            if (link.TokenVersion != seenVersion && link.AccessTokenExpiresAtUtc - time.GetUtcNow().UtcDateTime > RefreshAhead)
            {
                await tx.CommitAsync(ct);
                return ToAccessToken(link); // another request or node refreshed first
            }

            var result = await oauth.RefreshAsync(_protector.Unprotect(link.ProtectedRefreshToken), ct);
            if (result.IsSuccess)
            {
                Store(link, result.Value);
                link.LastError = null;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                LogRefreshed(logger, link.Id);
                return result.Value.ToAccessToken();
            }
            if (result.Error!.Kind == ZoomErrorKind.ReauthorizationRequired)
            {
                await notifier.MarkReauthorizationRequiredAsync(db, link, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                LogReauthorizationRequired(logger, link.Id);
                throw new ZoomReauthorizationRequiredException();
            }
            // Transient (or unknown outcome): keep the old tokens; the caller retries later.
            throw new HttpRequestException($"Zoom token refresh failed: {result.Error.Kind}");
        });
    }

    private async Task<VideoLinkage> LoadAsync(string connectionKey, CancellationToken ct)
    {
        var id = Guid.Parse(connectionKey);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var link = await db.VideoLinkages.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (link is null || link.Status != LinkageStatus.Linked || link.ProtectedAccessToken is null)
            throw new ZoomReauthorizationRequiredException();
        return link;
    }

    private ZoomAccessToken ToAccessToken(VideoLinkage link) =>
        new(_protector.Unprotect(link.ProtectedAccessToken!), new Uri(link.ApiUrl!));

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the Zoom tokens of linkage {LinkageId}")]
    private static partial void LogRefreshed(ILogger logger, Guid linkageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoom answered invalid_grant for linkage {LinkageId}: re-authorization required")]
    private static partial void LogReauthorizationRequired(ILogger logger, Guid linkageId);
}
