namespace Saiyo.Data.Mail;

public enum MailState
{
    Pending = 0,
    Sent = 1,
    /// <summary>Embedded default: no SMTP server configured, the mail is kept and readable in 送信メール.</summary>
    Kept = 2,
    Failed = 3,
    /// <summary>A mail due later (e.g. a 不合格 at a chosen time) withdrawn by staff before it went out.</summary>
    Cancelled = 4,
}

/// <summary>A mail Saiyo sends (送信メール): written in the same transaction as the change it tells about, sent after.</summary>
public class OutgoingMail
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid? CompanyId { get; set; }
    /// <summary>The applicant it was written to (their timeline lists it); null for staff mails.</summary>
    public Guid? ApplicantId { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>Optional text/calendar attachment (an .ics invitation).</summary>
    public string? Calendar { get; set; }
    public MailState State { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    /// <summary>Node that claimed the mail for sending and until when (several nodes, one sender per mail).</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>To a deleted applicant (their cancellation): address and body are emptied once it went out.</summary>
    public bool EraseAfterSend { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }

    /// <summary>
    /// A mail recorded by a hot path (the booking) and rendered by the dispatcher before it is sent: the kind of mail
    /// (e.g. "Booked"); null once rendered, and for every mail written whole.
    /// </summary>
    public string? RenderKind { get; set; }
    /// <summary>The booking a <see cref="RenderKind"/> mail is about.</summary>
    public Guid? BookingId { get; set; }
    /// <summary>The applicant's language when the mail was recorded ("ja" or "en").</summary>
    public string? Language { get; set; }
    /// <summary>The join URL the booking recorded (<c>Booking.MailedJoinUrl</c>), null when the mail says it follows.</summary>
    public string? JoinUrl { get; set; }
    /// <summary>The .ics SEQUENCE reserved for this mail on the booking in the recording transaction.</summary>
    public int? CalendarSequence { get; set; }
}
