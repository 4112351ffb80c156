using Saiyo.Web.Hosting;

namespace Saiyo.Web.Meetings;

/// <summary>Section "Attendance": taking attendance from Zoom's past participants after <c>meeting.ended</c>.</summary>
public sealed class AttendanceOptions
{
    public const string Section = "Attendance";

    /// <summary>
    /// The first read waits this long after <c>meeting.ended</c>: Zoom's participant list may lag the event
    /// (until then it answers 3001 "not ended").
    /// </summary>
    public TimeSpan FirstAttemptDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the worker looks for due schedules (wall clock; what is due is decided on the injected clock).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Transient faults and a list not there yet are retried this many times before the row shows 取得失敗.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First backoff; doubled per attempt, at most <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A node holds a schedule this long; a node that dies mid-way releases it by expiry.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Switch the worker off on a node.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Wakes this node's attendance worker when staff ask for attendance (「Zoomから出席を取得」).</summary>
public sealed class AttendanceSignal : WorkerSignal;
