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
}
