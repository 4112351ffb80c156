using Saiyo.Data;
using Saiyo.Data.Audit;

namespace Saiyo.Web.Integrations;

/// <summary>Stable action codes of linkage audit entries; the audit page translates them.</summary>
public static class AuditActions
{
    public const string StatusChanged = "linkage.status_changed";
    public const string AuthorizationStarted = "linkage.authorization_started";
    public const string Authorized = "linkage.authorized";
    public const string AuthorizationFailed = "linkage.authorization_failed";
    public const string UsersReloaded = "linkage.users_reloaded";
    public const string Unlinked = "linkage.unlinked";
    public const string RevokeFailed = "linkage.revoke_failed";
    public const string Deauthorized = "linkage.deauthorized";
    public const string ReauthorizationRequired = "linkage.reauthorization_required";
    public const string StaleDeauthorizationIgnored = "linkage.stale_deauthorization_ignored";
    public const string AuthorizedElsewhere = "linkage.authorized_elsewhere";
    public const string ReconciliationRequested = "linkage.reconciliation_requested";
    public const string OrphanMeetingDeleted = "linkage.orphan_meeting_deleted";
    public const string OrphanMeetingDeleteFailed = "linkage.orphan_meeting_delete_failed";
    public const string ZoomUserDeactivated = "linkage.zoom_user_deactivated";
    public const string ZoomUserDeleted = "linkage.zoom_user_deleted";
}

/// <summary>Writes audit entries on the caller's DbContext, so they commit with the change they describe.</summary>
public static class AuditLog
{
    /// <summary>
    /// An entry as an action code plus its facts (named values, never a token); the page renders the sentence in the reader's
    /// language (<see cref="AuditSentences"/>). Values that are codes (a status, an error kind) stay codes.
    /// </summary>
    public static void Write(SaiyoDbContext db, TimeProvider time, Guid companyId, Guid? actorId, string actorName, string action,
        IReadOnlyDictionary<string, string?>? facts = null, string? ip = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            CompanyId = companyId, AtUtc = time.GetUtcNow().UtcDateTime, ActorUserId = actorId, ActorName = actorName, Action = action,
            Parameters = facts is null or { Count: 0 } ? null : System.Text.Json.JsonSerializer.Serialize(
                facts.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value![..Math.Min(f.Value!.Length, 300)])),
            IpAddress = ip,
        });

    /// <summary>Free text detail, as entries were written before <see cref="Write"/>; shown as typed, so prefer <see cref="Write"/>.</summary>
    public static void Add(SaiyoDbContext db, TimeProvider time, Guid companyId, Guid? actorId, string actorName, string action, string? detail = null, string? ip = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            CompanyId = companyId, AtUtc = time.GetUtcNow().UtcDateTime, ActorUserId = actorId, ActorName = actorName,
            Action = action, Detail = detail?[..Math.Min(detail.Length, 1000)], IpAddress = ip,
        });
}
