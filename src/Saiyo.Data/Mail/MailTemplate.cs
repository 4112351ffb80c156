namespace Saiyo.Data.Mail;

/// <summary>
/// A company's own wording of one mail kind in one language. Absent rows mean the built-in text (resources);
/// <see cref="Kind"/> names the mail (e.g. "Booked", "Reminder") and the texts use {{placeholders}}.
/// </summary>
public class MailTemplate
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public required string Kind { get; set; }
    /// <summary>"ja" or "en".</summary>
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Display name of the staff member who saved it.</summary>
    public string? UpdatedBy { get; set; }
}
