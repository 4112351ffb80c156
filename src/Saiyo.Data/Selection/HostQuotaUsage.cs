namespace Saiyo.Data.Selection;

/// <summary>Meeting create/update calls per host per UTC day (Zoom allows 100), for the warning before saving.</summary>
public class HostQuotaUsage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public required string HostExternalUserId { get; set; }
    /// <summary>The UTC day (midnight UTC).</summary>
    public DateTime DayUtc { get; set; }
    public int Count { get; set; }
    /// <summary>
    /// Zoom answered this host's create/update with its daily-limit 429: no create or update for the host is sent before
    /// this time (the reset Zoom names). Recorded once here, so that every waiting schedule and every node knows it.
    /// </summary>
    public DateTime? LimitReachedUntilUtc { get; set; }
}
