using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Applicants;

/// <summary>A staff action (or Zoom) that changes what a booked applicant has: each maps to one rule in <see cref="BookingNotices"/>.</summary>
public enum StaffChange
{
    /// <summary>The 日程 was deleted: its bookings are cancelled.</summary>
    Deleted,
    /// <summary>A new date, start or end (length).</summary>
    Moved,
    /// <summary>The event's 「Zoomユーザ選択」 changed: future meetings move to the new host (new URL).</summary>
    HostChanged,
    /// <summary>The event's 個人用参加URL was switched on or off (new URL).</summary>
    PersonalLinksSwitched,
    /// <summary>The meeting was issued again (deleted on Zoom's side): new URL.</summary>
    Reissued,
    /// <summary>
    /// Zoom removed the host and no other is free: the old URL is gone, the new one follows once the team finds a host. Told
    /// at once (nothing to wait for); the link's own mail comes when the meeting is issued again.
    /// </summary>
    HostLost,
    /// <summary>「日程を表示しない」: no new bookings; booked applicants keep their meeting and URL.</summary>
    Hidden,
    /// <summary>Capacity set below the bookings: nobody is cancelled, nobody new gets in.</summary>
    CapacityBelowBookings,
}

/// <summary>What one active booking gets for a <see cref="StaffChange"/>: a mail kind (null: nothing) and whether it waits for the new link.</summary>
public sealed record NoticeRule(string? MailKind, bool WaitsForLink)
{
    public static readonly NoticeRule Nothing = new(null, false);
}

/// <summary>
/// The one place that decides what a booked applicant is sent when staff change their 日程 or its meeting: one mail per
/// change. A cancellation goes out with the change itself. A change that gives a new time or a new link is recorded on the
/// booking (<see cref="Booking.NoticeKind"/>, saved with the change) and sent by <see cref="BookingLinkWorker"/>: as soon as
/// the meeting is settled, with the new link; if it is not ready within <see cref="BookingLinkOptions.NoticeWait"/>, the mail
/// says the link follows, and exactly one 「参加URLのご案内」 carries it later (the booking's mailed URL is then empty).
/// </summary>
public sealed class BookingNotices(SaiyoDbContext db, IOptionsMonitor<BookingLinkOptions> options, TimeProvider time)
{
    /// <summary>The applicant's own 変更 on a personal-link event: its one mail waits for the registration the same way.</summary>
    public const string ChangedKind = "Changed";

    public static NoticeRule RuleFor(StaffChange change) => change switch
    {
        StaffChange.Deleted => new("Cancelled", WaitsForLink: false),
        StaffChange.Moved => new("Moved", WaitsForLink: true),
        StaffChange.HostChanged or StaffChange.PersonalLinksSwitched or StaffChange.Reissued or StaffChange.HostLost => new("LinkChanged", WaitsForLink: true),
        StaffChange.Hidden or StaffChange.CapacityBelowBookings => NoticeRule.Nothing,
        _ => NoticeRule.Nothing,
    };

    /// <summary>
    /// Records a waiting notice on a tracked booking (saved with the change). Two changes before the mail went out are one
    /// mail: a new time (a staff move, the applicant's 変更) wins over a new link (its mail carries the link too), and the
    /// first due time stays. A booking whose confirmation still waits (<see cref="Booking.BookingMailPending"/>) records it
    /// too: the confirmation takes it when it goes out (<see cref="BookingLinks.WriteOwedConfirmationAsync"/>), so only a
    /// change that commits after the confirmation gets its own mail.
    /// </summary>
    public static void Record(Booking b, StaffChange change, DateTime nowUtc, TimeSpan wait)
    {
        var rule = RuleFor(change);
        if (rule.MailKind is null || !rule.WaitsForLink) return;
        b.NoticeKind = b.NoticeKind is "Moved" or ChangedKind ? b.NoticeKind : rule.MailKind;
        b.NoticeDueAtUtc ??= nowUtc + wait;
    }

    /// <summary>Records the notice on the active bookings of <paramref name="scheduleIds"/> (tracked; saved by the caller).</summary>
    public async Task RecordAsync(Guid companyId, IReadOnlyCollection<Guid> scheduleIds, StaffChange change, CancellationToken ct)
    {
        if (scheduleIds.Count == 0 || RuleFor(change).MailKind is null) return;
        var now = time.GetUtcNow().UtcDateTime;
        var active = await db.Bookings.Where(b => b.CompanyId == companyId && scheduleIds.Contains(b.ScheduleId) && b.State == BookingState.Active).ToListAsync(ct);
        var wait = change == StaffChange.HostLost ? TimeSpan.Zero : options.CurrentValue.NoticeWait;
        foreach (var b in active) Record(b, change, now, wait);
    }

    /// <summary>
    /// 予約動作設定 saved: a new host or 個人用参加URL switched gives the booked applicants of the event's future Zoom 日程
    /// a new link (tracked; saved with the event).
    /// </summary>
    public async Task EventChangedAsync(InterviewEvent ev, string? hostBefore, bool personalLinksBefore, CancellationToken ct)
    {
        if (ev.VideoProvider is null) return;
        StaffChange? change = !string.Equals(hostBefore, ev.HostExternalUserId, StringComparison.Ordinal) ? StaffChange.HostChanged
            : personalLinksBefore != ev.PersonalJoinLinks ? StaffChange.PersonalLinksSwitched : null;
        if (change is null) return;
        var now = time.GetUtcNow().UtcDateTime;
        var future = await db.Schedules.Where(s => s.EventId == ev.Id && s.CompanyId == ev.CompanyId && !s.Deleted && s.StartUtc > now && s.BookedCount > 0)
            .Select(s => s.Id).ToListAsync(ct);
        await RecordAsync(ev.CompanyId, future, change.Value, ct);
    }
}
