namespace Saiyo.Data.Selection;

/// <summary>「開催ユーザの決め方」 of an イベント: one host for every 日程 (the default), a ホストプール, or each 日程's 面接官.</summary>
public enum HostMode
{
    SingleUser = 0,
    /// <summary>Each 日程 gets its own host from the pool: one free at that time with daily quota left.</summary>
    Pool = 1,
    /// <summary>
    /// Each 日程's meeting is on the Zoom user of its 面接官 (<see cref="Staff.StaffUser.ZoomUserExternalId"/> or matched by
    /// e-mail): the first one by name whose user is free at that time. Its time is held in <see cref="HostSlot"/> like a pool's.
    /// </summary>
    Interviewer = 2,
}

/// <summary>A Zoom user in an イベント's ホストプール.</summary>
public class EventPoolHost
{
    public Guid EventId { get; set; }
    public Guid CompanyId { get; set; }
    /// <summary>The provider's user id (kept across re-authorization, like <see cref="InterviewEvent.HostExternalUserId"/>).</summary>
    public required string ExternalUserId { get; set; }
    /// <summary>Name and e-mail as chosen, shown even while the user is gone from the account.</summary>
    public string DisplayName { get; set; } = "";
}

/// <summary>
/// One <see cref="Length"/> slice of a host's time taken by a pool 日程, in one of the host's lanes (a host may run
/// <c>VideoLinkage.MeetingsPerHost</c> meetings at once: lanes 0..n-1). The primary key (company, host, slice, lane)
/// is what keeps two overlapping 日程 off one lane of one host, also when two nodes save at the same moment.
/// </summary>
public class HostSlot
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(5);

    public Guid CompanyId { get; set; }
    public required string HostExternalUserId { get; set; }
    /// <summary>The slice's start (UTC, a multiple of <see cref="Length"/>).</summary>
    public DateTime SliceUtc { get; set; }
    public int Lane { get; set; }
    public Guid ScheduleId { get; set; }

    /// <summary>The slices a meeting from <paramref name="startUtc"/> to <paramref name="endUtc"/> touches.</summary>
    public static IEnumerable<DateTime> Slices(DateTime startUtc, DateTime endUtc)
    {
        for (var t = Floor(startUtc); t < endUtc; t += Length) yield return t;
    }

    /// <summary>The start of the slice holding <paramref name="utc"/>.</summary>
    public static DateTime Floor(DateTime utc) => new(utc.Ticks - utc.Ticks % Length.Ticks, DateTimeKind.Utc);
}
