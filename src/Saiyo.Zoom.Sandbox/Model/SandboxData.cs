namespace Saiyo.Zoom.Sandbox.Model;

// The whole sandbox state: small enough to keep in memory and snapshot into SQLite after each change.
public sealed class SandboxData
{
    public List<SandboxAccount> Accounts { get; set; } = [];
    public List<SandboxUser> Users { get; set; } = [];
    public List<AppInstallation> Installations { get; set; } = [];
    public List<AuthCode> Codes { get; set; } = [];
    public List<TokenGrant> Tokens { get; set; } = [];
    public List<SandboxMeeting> Meetings { get; set; } = [];
    public List<SandboxRegistrant> Registrants { get; set; } = [];
    public List<SandboxParticipant> Participants { get; set; } = [];
    public List<PastInstance> PastInstances { get; set; } = [];
    public List<WebhookDelivery> Deliveries { get; set; } = [];
    public Dictionary<string, int> DailyCounters { get; set; } = [];
    /// <summary>Daily-limit 429s answered per "host|day" (what a client could have known and did not ask again).</summary>
    public Dictionary<string, int> DailyRefusals { get; set; } = [];
}

public sealed class SandboxAccount
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public long AccountNumber { get; set; }
    public string Plan { get; set; } = "Pro";
}

public sealed class SandboxUser
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Email { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string Password { get; set; }
    /// <summary>owner, admin or member.</summary>
    public required string Role { get; set; }
    /// <summary>1 basic, 2 licensed.</summary>
    public int Type { get; set; }
    public required string Timezone { get; set; }
    public long Pmi { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string Status { get; set; } = "active";

    public bool IsAdmin => Role is "owner" or "admin";
    public string DisplayName => $"{FirstName} {LastName}";
}

public sealed class AppInstallation
{
    public required string AccountId { get; set; }
    public required string ClientId { get; set; }
    public required string InstalledByUserId { get; set; }
    public DateTimeOffset InstalledAt { get; set; }
    public int Generation { get; set; }
    public string Scopes { get; set; } = "";
}

public sealed class AuthCode
{
    public required string Code { get; set; }
    public required string AccountId { get; set; }
    public required string UserId { get; set; }
    public required string RedirectUri { get; set; }
    public string? CodeChallenge { get; set; }
    public string? CodeChallengeMethod { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public bool Used { get; set; }
    public int Generation { get; set; }
}

public sealed class TokenGrant
{
    public required string AccessToken { get; set; }
    public required string RefreshToken { get; set; }
    public required string AccountId { get; set; }
    public required string UserId { get; set; }
    public int Generation { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset AccessExpiresAt { get; set; }
    /// <summary>The refresh token was exchanged (rotated) and no longer works.</summary>
    public bool RefreshUsed { get; set; }
    /// <summary>Set when a newer authorization, a revoke or an uninstall killed the grant.</summary>
    public string? RevokedReason { get; set; }
}

public sealed class SandboxMeeting
{
    public long Id { get; set; }
    public required string Uuid { get; set; }
    public required string AccountId { get; set; }
    public required string HostId { get; set; }
    public string Topic { get; set; } = "Zoom Meeting";
    public int Type { get; set; } = 2;
    public DateTimeOffset StartTime { get; set; }
    public int Duration { get; set; } = 60;
    public required string Timezone { get; set; }
    public string Agenda { get; set; } = "";
    public required string Password { get; set; }
    public required string EncryptedPassword { get; set; }
    public required string H323Password { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Meeting settings as Zoom's JSON object (merged on PATCH).</summary>
    public string SettingsJson { get; set; } = "{}";
    /// <summary>waiting or started.</summary>
    public string Status { get; set; } = "waiting";
    public bool Deleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public sealed class SandboxRegistrant
{
    public required string Id { get; set; }
    public long MeetingId { get; set; }
    public required string Email { get; set; }
    public required string FirstName { get; set; }
    public string LastName { get; set; } = "";
    public required string JoinToken { get; set; }
    /// <summary>approved, pending, denied or cancelled (cancel of an approved registration; listed with the denied).</summary>
    public string Status { get; set; } = "approved";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StatusChangedAt { get; set; }
}

public sealed class SandboxParticipant
{
    public required string Id { get; set; }
    public long MeetingId { get; set; }
    public required string MeetingUuid { get; set; }
    public required string Name { get; set; }
    public string Email { get; set; } = "";
    public string? RegistrantId { get; set; }
    public string? UserId { get; set; }
    public bool IsHost { get; set; }
    public required string LeaveKey { get; set; }
    public DateTimeOffset JoinTime { get; set; }
    public DateTimeOffset? LeaveTime { get; set; }
}

public sealed class PastInstance
{
    public required string Uuid { get; set; }
    public long MeetingId { get; set; }
    public DateTimeOffset StartTime { get; set; }
    public DateTimeOffset EndTime { get; set; }
}

public sealed class WebhookDelivery
{
    public required string Id { get; set; }
    public required string Event { get; set; }
    public required string Body { get; set; }
    public required string Url { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>pending, delivered or failed.</summary>
    public string Status { get; set; } = "pending";
    public List<WebhookAttempt> History { get; set; } = [];
}

public sealed class WebhookAttempt
{
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
}
