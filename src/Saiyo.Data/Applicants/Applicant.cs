namespace Saiyo.Data.Applicants;

/// <summary>応募者: a candidate of one company, with the hash of their マイページ token.</summary>
public class Applicant
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public required string Name { get; set; }
    public string? Kana { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>School or employer.</summary>
    public string? Organization { get; set; }
    /// <summary>"ja" or "en": the language of their マイページ and mails.</summary>
    public string Language { get; set; } = "ja";
    public string? Notes { get; set; }

    /// <summary>SHA-256 of the マイページ token (base64url); null until a link is issued. A new token revokes the old one.</summary>
    public string? MyPageTokenHash { get; set; }
    public DateTime? MyPageIssuedAtUtc { get; set; }
    /// <summary>The current マイページ token, encrypted with Data Protection, so later mails can link back to the my page.</summary>
    public string? ProtectedMyPageToken { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>個人情報の削除: set once (a conditional UPDATE, so one node erases); the row stays, emptied, so past bookings still count.</summary>
    public DateTime? DeletedAtUtc { get; set; }

    public List<ApplicantInvitation> Invitations { get; set; } = [];
}

/// <summary>A 選考会 offered to an applicant: its events' shown schedules appear on their マイページ.</summary>
public class ApplicantInvitation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid ApplicantId { get; set; }
    public Guid SelectionMeetingId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

public enum BookingState
{
    Active = 0,
    Cancelled = 1,
}

public enum AttendanceSource
{
    None = 0,
    Staff = 1,
    Zoom = 2,
}

public enum Attendance
{
    Unknown = 0,
    Attended = 1,
    Absent = 2,
}

/// <summary>予約: an applicant on a 日程.</summary>
public class Booking
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid ApplicantId { get; set; }
    public Guid ScheduleId { get; set; }
    public BookingState State { get; set; }
    /// <summary>1 while active, null once cancelled: with (ApplicantId, ScheduleId) a unique index that allows rebooking after a cancel.</summary>
    public int? ActiveMarker { get; set; } = 1;
    /// <summary>
    /// While active: the イベント or 選考会 whose 「予約できる数」 this booking uses up (null when unlimited or cancelled).
    /// A unique index on (ApplicantId, LimitScopeId) makes a second booking in the scope fail in the database, on every node.
    /// </summary>
    public Guid? LimitScopeId { get; set; }
    /// <summary>The calendar entry (.ics UID) this booking continues: a 変更 keeps the entry of the booking it replaced; null = its own.</summary>
    public Guid? CalendarId { get; set; }
    /// <summary>The .ics SEQUENCE of the last invitation mailed for the entry: every mail raises it (carried over by a 変更).</summary>
    public int CalendarSequence { get; set; }
    /// <summary>
    /// A staff change (move, host change, re-issue) the applicant is still to be told of, as a mail kind: sent once by the link worker,
    /// with the new link when the meeting is ready, or at <see cref="NoticeDueAtUtc"/> saying the link follows.
    /// </summary>
    public string? NoticeKind { get; set; }
    public DateTime? NoticeDueAtUtc { get; set; }
    /// <summary>Booked or cancelled by staff (代行予約).</summary>
    public bool ByStaff { get; set; }
    public Attendance Attendance { get; set; }
    /// <summary>Personal join link (meeting registrant) when the event uses personal join links.</summary>
    public string? RegistrantId { get; set; }
    public string? PersonalJoinUrl { get; set; }
    /// <summary>The Zoom meeting <see cref="RegistrantId"/> is registered on (a re-issued meeting needs a new registration).</summary>
    public long? RegistrantMeetingId { get; set; }
    /// <summary>Where the attendance came from: staff marks are never overwritten by Zoom.</summary>
    public AttendanceSource AttendanceSource { get; set; }
    /// <summary>The join URL the applicant was last told by mail; a different current URL means a follow-up mail is due.</summary>
    public string? MailedJoinUrl { get; set; }
    /// <summary>
    /// The booking confirmation is still owed: set when a seat is committed before its mail (personal join links are registered
    /// at Zoom in between), cleared in the same SaveChanges as the mail, so the link worker sends it if the booking node died.
    /// </summary>
    public bool BookingMailPending { get; set; }
    // Follow-up work on the booking's link (registration, link mails): claimed by one node at a time, with backoff.
    public DateTime? LinkClaimedUntilUtc { get; set; }
    public DateTime? LinkNextAttemptAtUtc { get; set; }
    public int LinkAttempts { get; set; }
    public string? LinkError { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    public DateTime? ReminderSentAtUtc { get; set; }
}
