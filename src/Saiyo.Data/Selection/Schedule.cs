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
    /// <summary>発行失敗: needs a person (retry button); <see cref="Schedule.LastError"/> says why.</summary>
    Failed = 3,
    /// <summary>The host's daily quota is used: waits until <see cref="Schedule.NextAttemptAtUtc"/> and resumes by itself.</summary>
    Waiting = 4,
    /// <summary>The linkage is not 連携中: nothing is sent until it is again.</summary>
    Blocked = 5,
}

/// <summary>
/// 日程: one dated slot of an イベント, plus its web meeting. The wanted meeting state is the schedule
/// itself (shown, time, the event's host) at <see cref="WantedVersion"/>; the meeting worker brings the
/// provider in line and records <see cref="AppliedVersion"/>. A deleted schedule that still has a meeting
/// stays as a tombstone (<see cref="Deleted"/>) until the provider confirms the delete.
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
    /// The host this 日程's meeting should be on when its イベント uses a ホストプール (its time held in <see cref="HostSlot"/>);
    /// null otherwise (the イベント's one host).
    /// </summary>
    public string? PoolHostExternalUserId { get; set; }

    // ---- the meeting ----
    public MeetingState MeetingState { get; set; }
    /// <summary>Bumped with every change of what the meeting should be; a concurrency token, so the worker never overwrites an edit.</summary>
    public int WantedVersion { get; set; }
    public int AppliedVersion { get; set; }
    public long? ZoomMeetingId { get; set; }
    public string? ZoomMeetingUuid { get; set; }
    public string? JoinUrl { get; set; }
    /// <summary>The passcode, encrypted with Data Protection; shown to staff only, never logged.</summary>
    public string? ProtectedPasscode { get; set; }
    /// <summary>Tag written into the meeting's agenda so that a create whose response was lost can be found again.</summary>
    public string? ReconciliationTag { get; set; }
    /// <summary>Set before a create is sent and cleared when its outcome is known: the next attempt looks for the meeting first.</summary>
    public bool ReconcileFirst { get; set; }
    /// <summary>The host the current (or in-flight) meeting belongs to.</summary>
    public string? HostOfMeeting { get; set; }
    /// <summary>A short code (resource key suffix) or provider message explaining the state.</summary>
    public string? LastError { get; set; }
    /// <summary>When Zoom told us (meeting.deleted) that the meeting was deleted on its side.</summary>
    public DateTime? DeletedOnZoomAtUtc { get; set; }
    public DateTime? NextAttemptAtUtc { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime? IssuedAtUtc { get; set; }

    // Attendance from Zoom: meeting.ended marks the schedule due; a worker reads the past participants.
    /// <summary>When Zoom said the meeting ended (<c>meeting.ended</c>); null until then.</summary>
    public DateTime? MeetingEndedAtUtc { get; set; }
    public AttendanceSyncState AttendanceState { get; set; }
    public DateTime? AttendanceNextAttemptAtUtc { get; set; }
    public DateTime? AttendanceClaimedUntilUtc { get; set; }
    public int AttendanceAttempts { get; set; }
    public string? AttendanceError { get; set; }
}

/// <summary>Taking attendance from Zoom's past participants after <c>meeting.ended</c>.</summary>
public enum AttendanceSyncState
{
    None = 0,
    /// <summary>The meeting ended; the participants are still to be read.</summary>
    Due = 1,
    Taken = 2,
    /// <summary>Gave up (attendance stays as staff mark it); <see cref="Schedule.AttendanceError"/> says why.</summary>
    Failed = 3,
}
