namespace Saiyo.Data.Selection;

/// <summary>面接官 assigned to an イベント: the default for each of its 日程.</summary>
public class EventInterviewer
{
    public Guid CompanyId { get; set; }
    public Guid EventId { get; set; }
    public Guid StaffUserId { get; set; }
}

/// <summary>面接官 assigned to one 日程. When a 日程 has any, they replace the イベント's for it.</summary>
public class ScheduleInterviewer
{
    public Guid CompanyId { get; set; }
    public Guid ScheduleId { get; set; }
    public Guid StaffUserId { get; set; }
}

/// <summary>
/// The calendar entry one interviewer holds for one 日程: its UID stays, its SEQUENCE rises with every mail
/// (REQUEST while applicants are booked, CANCEL when none are left or the interviewer is taken off).
/// </summary>
public class InterviewerInvitation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid ScheduleId { get; set; }
    public Guid StaffUserId { get; set; }
    public int Sequence { get; set; }
    /// <summary>True while the interviewer's calendar holds the entry (the last mail was a REQUEST).</summary>
    public bool Active { get; set; }
    /// <summary>A digest of what the last REQUEST said (bookings, time, join URL), so that only a real change mails again.</summary>
    public string? MailedBookings { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
