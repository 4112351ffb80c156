using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Applicants;

public enum BookingOutcome
{
    Booked,
    Changed,
    Cancelled,
    /// <summary>満席: no seat was left when the attempt reached the database.</summary>
    Full,
    /// <summary>The booking (or cancellation) deadline has passed, or the schedule is hidden.</summary>
    Closed,
    AlreadyBooked,
    NotFound,
}

public sealed record BookingResult(BookingOutcome Outcome, Booking? Booking = null, Booking? Previous = null);

/// <summary>
/// Books, changes and cancels 予約. Capacity holds across nodes without locks in memory: one conditional
/// UPDATE raises <see cref="Schedule.BookedCount"/> only while it is below the capacity (atomic on SQLite and
/// PostgreSQL), and the booking row is inserted in the same transaction; zero rows updated means 満席.
/// A unique index on (applicant, schedule, active marker) stops a double booking.
/// On an event with personal join links and an issued meeting, the seat is committed first (owing its mail), the applicant
/// is registered at Zoom within <see cref="BookingLinkOptions.InlineTimeout"/>, then the confirmation is written with the
/// personal link (or "the link follows"); <see cref="BookingLinkWorker"/> finishes what a failed call or a dead node left.
/// </summary>
public sealed class BookingService(
    SaiyoDbContext db, BookingMails mails, BookingLinks links, BookingLinkSignal linkSignal, IOptionsMonitor<BookingLinkOptions> linkOptions, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Schedules of events whose 選考会 the applicant is invited to: shown, before the booking deadline, not full (unless <paramref name="includeFull"/>, to show them as 満席).</summary>
    public async Task<List<(Schedule Schedule, InterviewEvent Event, SelectionMeeting Meeting)>> BookableAsync(Applicant applicant, CancellationToken ct, bool includeFull = false)
    {
        var now = Now;
        var meetingIds = await db.ApplicantInvitations.Where(i => i.ApplicantId == applicant.Id && i.CompanyId == applicant.CompanyId)
            .Select(i => i.SelectionMeetingId).ToListAsync(ct);
        var rows = await (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            where s.CompanyId == applicant.CompanyId && e.CompanyId == applicant.CompanyId && meetingIds.Contains(m.Id)
                  && s.Shown && !s.Deleted && (includeFull || s.BookedCount < s.Capacity) && s.StartUtc > now
            orderby s.StartUtc
            select new { s, e, m }).ToListAsync(ct);
        return rows.Where(r => r.s.StartUtc > now.AddMinutes(r.e.BookingDeadlineMinutes)).Select(r => (r.s, r.e, r.m)).ToList();
    }

    public async Task<BookingResult> BookAsync(Applicant applicant, Guid scheduleId, bool byStaff, CancellationToken ct)
    {
        var target = await FindOfferedAsync(applicant, scheduleId, ct);
        if (target is null) return new(BookingOutcome.NotFound);
        if (await db.Bookings.AnyAsync(b => b.ApplicantId == applicant.Id && b.ScheduleId == scheduleId && b.State == BookingState.Active, ct))
            return new(BookingOutcome.AlreadyBooked);

        var (schedule, ev) = target.Value;
        var registerOn = ev.PersonalJoinLinks && schedule.MeetingState == MeetingState.Issued ? schedule.ZoomMeetingId : null;
        var key = registerOn is null ? null : await links.ConnectionKeyAsync(applicant.CompanyId, ct);
        Booking booking;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var outcome = await TakeSeatAsync(schedule.Id, ev, byStaff, ct);
            if (outcome != BookingOutcome.Booked) return new(outcome);
            booking = NewBooking(applicant, scheduleId, byStaff);
            if (key is null)
            {
                booking.MailedJoinUrl = await mails.BookedAsync(applicant, booking, ct);
            }
            else
            {
                // The mail waits for the registration; held from the worker meanwhile, which sends it if this node dies.
                booking.BookingMailPending = true;
                booking.LinkClaimedUntilUtc = Now + linkOptions.CurrentValue.ClaimDuration;
            }
            db.Bookings.Add(booking);
            if (!await TrySaveAsync(ct)) return new(BookingOutcome.AlreadyBooked);
            await tx.CommitAsync(ct);
        }
        if (key is not null) await RegisterThenConfirmAsync(applicant, booking, registerOn!.Value, key, ct);
        linkSignal.Poke();
        return new(BookingOutcome.Booked, booking);
    }

    /// <summary>Registers the applicant (bounded wait), then writes the owed confirmation, with the personal link when Zoom gave one.</summary>
    private async Task RegisterThenConfirmAsync(Applicant applicant, Booking booking, long meetingId, string key, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(linkOptions.CurrentValue.InlineTimeout);
        try
        {
            // A Zoom error leaves no link: the mail says it follows, and the worker registers and mails it.
            await links.RegisterAsync(key, booking, applicant, meetingId, bounded.Token);
        }
        catch (OperationCanceledException)
        {
            // Zoom too slow (or the applicant left): the row names the meeting, so the worker looks the email up before adding.
        }
        // The seat is committed, so its mail is written even if the request was aborted.
        await links.WriteOwedConfirmationAsync(applicant, booking, CancellationToken.None);
    }

    public async Task<BookingResult> CancelAsync(Applicant applicant, Guid bookingId, bool byStaff, CancellationToken ct)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId && b.ApplicantId == applicant.Id && b.CompanyId == applicant.CompanyId && b.State == BookingState.Active, ct);
        if (booking is null) return new(BookingOutcome.NotFound);
        var (schedule, ev) = await ScheduleAndEventAsync(booking.ScheduleId, ct);
        if (!byStaff && schedule.StartUtc <= Now.AddMinutes(ev.CancellationDeadlineMinutes)) return new(BookingOutcome.Closed);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await ReleaseAsync(booking, ct)) return new(BookingOutcome.NotFound);
        await mails.CancelledAsync(applicant, booking, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (booking.RegistrantId is not null) linkSignal.Poke(); // its registration is cancelled at Zoom
        return new(BookingOutcome.Cancelled, booking);
    }

    /// <summary>
    /// 個人情報の削除: every active booking of a 日程 still to come is cancelled by staff with its mail, on the caller's
    /// transaction (poke <see cref="BookingLinkSignal"/> after the commit: the worker cancels their registrations); past bookings stay (the 日程's counts and statistics keep them, anonymous).
    /// </summary>
    public async Task<List<Booking>> CancelComingForDeletionAsync(Applicant applicant, CancellationToken ct)
    {
        var now = Now;
        var coming = await db.Bookings.AsNoTracking().Where(b => b.ApplicantId == applicant.Id && b.CompanyId == applicant.CompanyId && b.State == BookingState.Active
                && db.Schedules.Any(s => s.Id == b.ScheduleId && !s.Deleted && s.StartUtc > now)).ToListAsync(ct);
        var cancelled = new List<Booking>();
        foreach (var booking in coming)
        {
            var released = await db.Bookings.Where(b => b.Id == booking.Id && b.State == BookingState.Active)
                .ExecuteUpdateAsync(x => x.SetProperty(b => b.State, BookingState.Cancelled).SetProperty(b => b.ActiveMarker, (int?)null)
                    .SetProperty(b => b.CancelledAtUtc, now).SetProperty(b => b.ByStaff, true), ct);
            if (released == 0) continue;
            await db.Schedules.Where(s => s.Id == booking.ScheduleId && s.BookedCount > 0)
                .ExecuteUpdateAsync(x => x.SetProperty(s => s.BookedCount, s => s.BookedCount - 1), ct);
            booking.State = BookingState.Cancelled;
            booking.ActiveMarker = null;
            booking.CancelledAtUtc = now;
            booking.ByStaff = true;
            await mails.CancelledAsync(applicant, booking, ct);
            cancelled.Add(booking);
        }
        return cancelled;
    }

    /// <summary>変更: the new seat is taken first, then the old booking released, in one transaction.</summary>
    public async Task<BookingResult> ChangeAsync(Applicant applicant, Guid bookingId, Guid newScheduleId, CancellationToken ct)
    {
        var old = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId && b.ApplicantId == applicant.Id && b.CompanyId == applicant.CompanyId && b.State == BookingState.Active, ct);
        if (old is null || old.ScheduleId == newScheduleId) return new(BookingOutcome.NotFound);
        var target = await FindOfferedAsync(applicant, newScheduleId, ct);
        if (target is null) return new(BookingOutcome.NotFound);
        var (oldSchedule, oldEvent) = await ScheduleAndEventAsync(old.ScheduleId, ct);
        if (oldSchedule.StartUtc <= Now.AddMinutes(oldEvent.CancellationDeadlineMinutes)) return new(BookingOutcome.Closed);
        if (await db.Bookings.AnyAsync(b => b.ApplicantId == applicant.Id && b.ScheduleId == newScheduleId && b.State == BookingState.Active, ct))
            return new(BookingOutcome.AlreadyBooked);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await TakeSeatAsync(newScheduleId, target.Value.Event, false, ct);
        if (outcome != BookingOutcome.Booked) return new(outcome);
        if (!await ReleaseAsync(old, ct)) return new(BookingOutcome.NotFound);
        var booking = NewBooking(applicant, newScheduleId, false);
        db.Bookings.Add(booking);
        booking.MailedJoinUrl = await mails.ChangedAsync(applicant, old, booking, ct);
        if (!await TrySaveAsync(ct)) return new(BookingOutcome.AlreadyBooked);
        await tx.CommitAsync(ct);
        linkSignal.Poke(); // a personal link for the new booking, the old one's registration cancelled
        return new(BookingOutcome.Changed, booking, old);
    }

    /// <summary>
    /// Staff deleted or moved a 日程: its applicants are told (cancelled, or the new time). Changes go on the caller's
    /// DbContext and are saved with the schedule change itself.
    /// </summary>
    public async Task ScheduleChangedByStaffAsync(Schedule schedule, bool deleted, CancellationToken ct, string? message = null)
    {
        var active = await db.Bookings.Where(b => b.ScheduleId == schedule.Id && b.CompanyId == schedule.CompanyId && b.State == BookingState.Active).ToListAsync(ct);
        if (active.Count == 0) return;
        var ids = active.Select(b => b.ApplicantId).ToList();
        var applicants = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var b in active)
        {
            if (deleted)
            {
                b.State = BookingState.Cancelled;
                b.ActiveMarker = null;
                b.CancelledAtUtc = Now;
                b.ByStaff = true;
                await mails.CancelledAsync(applicants[b.ApplicantId], b, ct, message);
            }
            else
            {
                b.ReminderSentAtUtc = null; // a moved booking gets its reminder for the new day
                b.MailedJoinUrl = await mails.MovedAsync(applicants[b.ApplicantId], b, schedule, ct);
            }
        }
        if (deleted) schedule.BookedCount = 0;
    }

    /// <summary>The one statement that decides a seat; staff (代行予約) may book after the deadline and hidden schedules, never beyond capacity.</summary>
    private async Task<BookingOutcome> TakeSeatAsync(Guid scheduleId, InterviewEvent ev, bool byStaff, CancellationToken ct)
    {
        var now = Now;
        var cutoff = byStaff ? now : now.AddMinutes(ev.BookingDeadlineMinutes);
        var taken = await db.Schedules
            .Where(s => s.Id == scheduleId && !s.Deleted && (byStaff || s.Shown) && s.StartUtc > cutoff && s.BookedCount < s.Capacity)
            .ExecuteUpdateAsync(x => x.SetProperty(s => s.BookedCount, s => s.BookedCount + 1), ct);
        if (taken == 1) return BookingOutcome.Booked;
        var s = await db.Schedules.AsNoTracking().Where(x => x.Id == scheduleId).Select(x => new { x.StartUtc, x.Shown, x.Deleted }).FirstAsync(ct);
        return s.Deleted || (!byStaff && !s.Shown) || s.StartUtc <= cutoff ? BookingOutcome.Closed : BookingOutcome.Full;
    }

    private async Task<bool> ReleaseAsync(Booking booking, CancellationToken ct)
    {
        var now = Now;
        var released = await db.Bookings.Where(b => b.Id == booking.Id && b.State == BookingState.Active)
            .ExecuteUpdateAsync(x => x.SetProperty(b => b.State, BookingState.Cancelled).SetProperty(b => b.ActiveMarker, (int?)null).SetProperty(b => b.CancelledAtUtc, now), ct);
        if (released == 0) return false;
        await db.Schedules.Where(s => s.Id == booking.ScheduleId && s.BookedCount > 0)
            .ExecuteUpdateAsync(x => x.SetProperty(s => s.BookedCount, s => s.BookedCount - 1), ct);
        booking.State = BookingState.Cancelled;
        booking.ActiveMarker = null;
        booking.CancelledAtUtc = now;
        db.Entry(booking).State = EntityState.Unchanged;
        return true;
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique index: the same applicant booked this schedule at the same moment elsewhere.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private Booking NewBooking(Applicant applicant, Guid scheduleId, bool byStaff) => new()
    {
        CompanyId = applicant.CompanyId, ApplicantId = applicant.Id, ScheduleId = scheduleId, State = BookingState.Active,
        ActiveMarker = 1, ByStaff = byStaff, CreatedAtUtc = Now,
    };

    /// <summary>The schedule if it belongs to a 選考会 offered to the applicant (else nothing, whatever the id).</summary>
    private async Task<(Schedule Schedule, InterviewEvent Event)?> FindOfferedAsync(Applicant applicant, Guid scheduleId, CancellationToken ct)
    {
        var row = await (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            where s.Id == scheduleId && s.CompanyId == applicant.CompanyId && !s.Deleted
                  && db.ApplicantInvitations.Any(i => i.ApplicantId == applicant.Id && i.SelectionMeetingId == e.SelectionMeetingId)
            select new { s, e }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.s, row.e);
    }

    private async Task<(Schedule, InterviewEvent)> ScheduleAndEventAsync(Guid scheduleId, CancellationToken ct)
    {
        var row = await (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            where s.Id == scheduleId
            select new { s, e }).FirstAsync(ct);
        return (row.s, row.e);
    }
}
