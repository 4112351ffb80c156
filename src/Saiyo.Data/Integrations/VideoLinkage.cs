namespace Saiyo.Data.Integrations;

/// <summary>Video services a company can link. Zoom now; the screen and the code take another.</summary>
public enum VideoProvider
{
    Zoom = 1,
}

/// <summary>未連携 / 認可待ち / 連携中 / 要再認可.</summary>
public enum LinkageStatus
{
    NotLinked = 0,
    AwaitingAuthorization = 1,
    Linked = 2,
    ReauthorizationRequired = 3,
}

/// <summary>
/// A company's link to one video provider's account: status, who authorized, and the OAuth tokens
/// (encrypted with Data Protection; never shown, never logged).
/// </summary>
public class VideoLinkage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public VideoProvider Provider { get; set; }
    public LinkageStatus Status { get; set; }

    /// <summary>The provider's account id (Zoom account_id); unique across companies.</summary>
    public string? ExternalAccountId { get; set; }
    public string? ExternalAccountName { get; set; }
    public Guid? AuthorizedByUserId { get; set; }
    public string? AuthorizedByName { get; set; }
    public string? AuthorizedByExternalEmail { get; set; }
    public DateTime? AuthorizedAtUtc { get; set; }
    public string? Scopes { get; set; }

    public string? ProtectedAccessToken { get; set; }
    public string? ProtectedRefreshToken { get; set; }
    public DateTime? AccessTokenExpiresAtUtc { get; set; }
    public string? ApiUrl { get; set; }

    /// <summary>Bumped on every token write; refreshers compare it to know whether someone else refreshed first.</summary>
    public int TokenVersion { get; set; }

    public DateTime? UsersLoadedAtUtc { get; set; }

    /// <summary>How many meetings one host of this account may run at once (1 on Pro; some plans allow 2).</summary>
    public int MeetingsPerHost { get; set; } = 1;

    /// <summary>When the daily reconciliation (Saiyo-tagged meetings at Zoom without a 日程 are deleted) is due next; null: now.</summary>
    public DateTime? NextReconciliationAtUtc { get; set; }
    /// <summary>The node running the reconciliation holds it until then (claimed by a conditional UPDATE, renewed while it runs).</summary>
    public DateTime? ReconciliationClaimedUntilUtc { get; set; }
    public DateTime? LastReconciledAtUtc { get; set; }
    /// <summary>Why the last reconciliation did not finish (a Zoom error kind), null when it did.</summary>
    public string? LastReconciliationError { get; set; }
    public string? LastError { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public List<ExternalVideoUser> Users { get; set; } = [];
}

/// <summary>A user of the linked account, offered in 「Zoomユーザ選択」.</summary>
public class ExternalVideoUser
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid LinkageId { get; set; }
    public Guid CompanyId { get; set; }
    public required string ExternalUserId { get; set; }
    public required string Email { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>Licensed users can host meetings longer than 40 minutes and with more participants.</summary>
    public bool Licensed { get; set; }
    public string? TimeZone { get; set; }
}

/// <summary>
/// One OAuth authorization in flight: bound to the admin, their company and their browser session;
/// single use and short lived. Kept in the database so that any node can take the callback.
/// </summary>
public class OAuthAuthorization
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>SHA-256 of the state value sent to the provider (the value itself is not stored).</summary>
    public required string StateHash { get; set; }
    /// <summary>SHA-256 of the browser-binding nonce kept in the admin's cookie.</summary>
    public required string BrowserBindingHash { get; set; }
    public Guid CompanyId { get; set; }
    public Guid UserId { get; set; }
    public VideoProvider Provider { get; set; }
    public required string ProtectedCodeVerifier { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}
