using Saiyo.Data.Integrations;

namespace Saiyo.Data.Selection;

/// <summary>「予約できる数」 of an イベント.</summary>
public enum BookingLimit
{
    /// <summary>1 per イベント (the default).</summary>
    PerEvent = 0,
    /// <summary>1 per 選考会: one booking across all its イベント.</summary>
    PerSelectionMeeting = 1,
    /// <summary>No limit: any number of this イベント's 日程.</summary>
    None = 2,
}

/// <summary>イベント: a bookable kind of session under a 選考会, with its 予約動作設定.</summary>
public class InterviewEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid SelectionMeetingId { get; set; }
    public required string Name { get; set; }

    /// <summary>Web面接連携: null = なし, else the provider whose meetings the shown schedules get.</summary>
    public VideoProvider? VideoProvider { get; set; }

    /// <summary>
    /// The meeting host, as the provider's user id (Zoom user id), not our ExternalVideoUser row id:
    /// re-authorization and user reloads replace those rows but keep the provider's ids.
    /// </summary>
    public string? HostExternalUserId { get; set; }

    /// <summary>The host's name and e-mail as last chosen, shown even while the linkage is gone.</summary>
    public string? HostDisplayName { get; set; }

    /// <summary>One host (<see cref="HostExternalUserId"/>) or a ホストプール (<see cref="PoolHosts"/>; each 日程 has its own).</summary>
    public HostMode HostMode { get; set; }

    public List<EventPoolHost> PoolHosts { get; set; } = [];

    public int DefaultCapacity { get; set; } = 1;

    /// <summary>Bookings close this many minutes before the start.</summary>
    public int BookingDeadlineMinutes { get; set; }

    /// <summary>Cancellations close this many minutes before the start.</summary>
    public int CancellationDeadlineMinutes { get; set; }

    public bool WaitingRoom { get; set; } = true;
    public bool Passcode { get; set; } = true;

    /// <summary>Each applicant joins with a personal link (meeting registration with automatic approval).</summary>
    public bool PersonalJoinLinks { get; set; }

    /// <summary>「予約できる数」: how many active bookings one applicant may hold (enforced by a unique index on the booking).</summary>
    public BookingLimit BookingLimit { get; set; }

    /// <summary>
    /// 「同時刻の日程をまとめて表示する」: applicants see parallel 日程 (same start and end) as one slot with their seats added up,
    /// and booking it takes a seat on whichever of them still has one. Staff screens always show each 日程.
    /// </summary>
    public bool MergeParallelSlots { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public List<Schedule> Schedules { get; set; } = [];
}
