namespace Saiyo.Data.Selection;

/// <summary>Where a schedule's web meeting stands (the badge on its row).</summary>
public enum MeetingState
{
    /// <summary>No meeting is wanted (hidden, なし, or past) and none exists.</summary>
    None = 0,
    /// <summary>発行待ち: the wanted state is not applied yet (new, changed, retrying a transient fault).</summary>
    Pending = 1,
    /// <summary>発行済み.</summary>
    Issued = 2,
    /// <summary>発行失敗: needs a person (retry button); <see cref="ScheduleMeeting.LastError"/> says why.</summary>
    Failed = 3,
    /// <summary>The host's daily quota is used: waits until <see cref="ScheduleMeeting.NextAttemptAtUtc"/> and resumes by itself.</summary>
    Waiting = 4,
    /// <summary>The linkage is not 連携中: nothing is sent until it is again.</summary>
    Blocked = 5,
}

/// <summary>
/// 日程: one dated slot of an イベント (time, capacity, venue, shown, bookings). Its web meeting as the meeting worker
/// keeps it in line with Zoom is <see cref="Meeting"/>; attendance read from Zoom after the meeting ended is
/// <see cref="Attendance"/>. Both live in the same row. A deleted schedule that still has a meeting stays as a
/// tombstone (<see cref="Deleted"/>) until the provider confirms the delete.
/// </summary>
public class Schedule
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid EventId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public int Capacity { get; set; }
    public string? Venue { get; set; }
    public bool Shown { get; set; }
    public bool Deleted { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Active bookings; raised only by a conditional UPDATE (WHERE BookedCount &lt; Capacity), so capacity holds on every node.</summary>
    public int BookedCount { get; set; }
    /// <summary>
    /// The host this 日程's meeting should be on when its イベント uses a ホストプール or its 面接官's Zoom users (its time held
    /// in <see cref="HostSlot"/>); null otherwise (the イベント's one host), or when no 面接官 has a Zoom user (発行失敗).
    /// </summary>
    public string? PoolHostExternalUserId { get; set; }
    /// <summary>
    /// 面接官 host mode, for a 日程 without 面接官 of its own: the イベント's 面接官 whose Zoom user hosts it, so its only
    /// interviewer (invitations, 担当の面接). Null otherwise: its own 面接官, else every one of the イベント's, interview.
    /// </summary>
    public Guid? HostInterviewerId { get; set; }
    /// Raised with every booking change of this 日程, in the same UPDATE as <see cref="BookedCount"/>; the interviewer
    /// calendar worker clears <see cref="InterviewersDue"/> only if this is still the version it mailed.
    /// </summary>
    public int BookingsVersion { get; set; }
    /// <summary>A booking change is not yet in the assigned 面接官's calendars (the interviewer calendar worker's queue).</summary>
    public bool InterviewersDue { get; set; }
    public DateTime? InterviewersClaimedUntilUtc { get; set; }

    public ScheduleMeeting Meeting { get; set; } = new();
    public ScheduleAttendanceSync Attendance { get; set; } = new();
}

/// <summary>
/// A schedule's web meeting and where its sync with Zoom stands. The wanted meeting is the schedule itself (shown,
/// time, the event's host) at <see cref="WantedVersion"/>; the meeting worker brings Zoom in line and records
/// <see cref="AppliedVersion"/>.
/// </summary>
public class ScheduleMeeting
{
    public MeetingState State { get; set; }
    /// <summary>Bumped with every change of what the meeting should be; a concurrency token, so the worker never overwrites an edit.</summary>
    public int WantedVersion { get; set; }
    public int AppliedVersion { get; set; }
    public long? ZoomId { get; set; }
    public string? ZoomUuid { get; set; }
    public string? JoinUrl { get; set; }
    /// <summary>The passcode, encrypted with Data Protection; shown to staff only, never logged.</summary>
    public string? ProtectedPasscode { get; set; }
    /// <summary>Tag written into the meeting's agenda so that a create whose response was lost can be found again.</summary>
    public string? ReconciliationTag { get; set; }
    /// <summary>Set before a create is sent and cleared when its outcome is known: the next attempt looks for the meeting first.</summary>
    public bool ReconcileFirst { get; set; }
    /// <summary>The host the current (or in-flight) meeting belongs to.</summary>
    public string? Host { get; set; }
    /// <summary>A short code (resource key suffix) or provider message explaining the state.</summary>
    public string? LastError { get; set; }
    /// <summary>When Zoom told us (meeting.deleted) that the meeting was deleted on its side.</summary>
    public DateTime? DeletedOnZoomAtUtc { get; set; }
    public DateTime? NextAttemptAtUtc { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime? IssuedAtUtc { get; set; }
}

/// <summary>Attendance from Zoom: <c>meeting.ended</c> makes the schedule due; a worker reads the past participants.</summary>
public class ScheduleAttendanceSync
{
    /// <summary>When Zoom said the meeting ended (<c>meeting.ended</c>); null until then.</summary>
    public DateTime? MeetingEndedAtUtc { get; set; }
    public AttendanceSyncState State { get; set; }
    public DateTime? NextAttemptAtUtc { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
}

/// <summary>Taking attendance from Zoom's past participants after <c>meeting.ended</c>.</summary>
public enum AttendanceSyncState
{
    None = 0,
    /// <summary>The meeting ended; the participants are still to be read.</summary>
    Due = 1,
    Taken = 2,
    /// <summary>Gave up (attendance stays as staff mark it); <see cref="ScheduleAttendanceSync.Error"/> says why.</summary>
    Failed = 3,
}
