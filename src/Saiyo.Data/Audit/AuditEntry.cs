namespace Saiyo.Data.Audit;

/// <summary>Who did what to a company's linkage, when and from where. Never holds a token.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public Guid CompanyId { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>A staff user, or null when the provider (a webhook) or the system acted.</summary>
    public Guid? ActorUserId { get; set; }
    public required string ActorName { get; set; }
    /// <summary>A stable code, e.g. "linkage.authorized"; the page translates it.</summary>
    public required string Action { get; set; }
    /// <summary>Free text of entries written before <see cref="Parameters"/>; new entries leave it null.</summary>
    public string? Detail { get; set; }
    /// <summary>The entry's facts as a JSON object of named values (e.g. {"count":"6"}); the page renders the sentence in the reader's language.</summary>
    public string? Parameters { get; set; }
    public string? IpAddress { get; set; }
}
