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
    /// <summary>「予約できる数」: the applicant already holds the one booking the イベント (or 選考会) allows.</summary>
    LimitReached,
    NotFound,
}

public sealed record BookingResult(BookingOutcome Outcome, Booking? Booking = null, Booking? Previous = null)
{
    /// <summary>With 満席: whether the 日程's イベント merges parallel 日程 (so another may be tried); null when not read.</summary>
    public bool? MergesParallel { get; init; }
}

/// <summary>
/// Books, changes and cancels 予約. Capacity holds across nodes without locks in memory: one conditional
/// UPDATE raises <see cref="Schedule.BookedCount"/> only while it is below the capacity (atomic on SQLite and
/// PostgreSQL), and the booking row is inserted in the same transaction; zero rows updated means 満席.
/// A unique index on (applicant, schedule, active marker) stops a double booking, and one on (applicant, limit scope) the
/// second booking an イベント's 「予約できる数」 does not allow (<see cref="LimitScope"/>), also between concurrent requests.
/// On an event with personal join links and an issued meeting, the seat is committed first (owing its mail); the applicant
/// is registered at Zoom inline only when that can start at once, and the confirmation is written with the personal link;
/// otherwise <see cref="BookingLinkWorker"/> registers and writes it (as it finishes what a dead node left).
/// </summary>
public sealed class BookingService(
    SaiyoDbContext db, BookingMails mails, Mail.MailOutbox outbox, BookingLinks links, BookingLinkSignal linkSignal, IOptionsMonitor<BookingLinkOptions> linkOptions, TimeProvider time,
    Saiyo.Web.Interviews.InterviewerCalendarSignal interviewerSignal, Meetings.MeetingSyncSignal meetingSignal)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A 日程 offered on the マイページ: only what the page shows and decides by (not three whole entities per row).</summary>
    public sealed record BookableSlot(Guid Id, Guid EventId, DateTime StartUtc, DateTime EndUtc, string? Venue, int Capacity, int BookedCount,
        string EventName, bool MergeParallelSlots, BookingLimit BookingLimit, int BookingDeadlineMinutes, Guid SelectionMeetingId, string MeetingName, bool Held)
    {
        /// <summary>Its parallel 日程 share this (<see cref="ParallelSlots.Key"/>).</summary>
        public (Guid EventId, DateTime StartUtc, DateTime EndUtc) ParallelKey => (EventId, StartUtc, EndUtc);

        public Guid? LimitScope => BookingService.LimitScope(BookingLimit, EventId, SelectionMeetingId);
    }

    /// <summary>
    /// What an applicant is offered: 日程 of events whose 選考会 they are invited to, shown, before the booking deadline, not full
    /// (unless <paramref name="includeFull"/>, to show them as 満席), each with whether the applicant holds it. With
    /// <paramref name="sameEventAs"/>, only the 日程 of that 日程's イベント (the 満席/締切 answer).
    /// </summary>
    public async Task<List<BookableSlot>> BookableAsync(Applicant applicant, CancellationToken ct, bool includeFull = false, Guid? sameEventAs = null)
    {
        var now = Now;
        var rows = new List<BookableSlot>();
        await foreach (var r in Bookable.For(db)(db, applicant.Id, applicant.CompanyId, now, includeFull, sameEventAs).WithCancellation(ct))
            if (r.StartUtc > now.AddMinutes(r.BookingDeadlineMinutes)) rows.Add(r);
        return rows;
    }

    // Every マイページ render runs it: compiled once (no query-cache key per request), and projected to the columns the page
    // uses (materializing whole 日程, イベント and 選考会 for each of a hundred rows was most of a GET's CPU, issue 16).
    // Written so that the plan seeks only the invited 選考会's coming 日程 even without statistics (SQLite has none unless
    // someone runs ANALYZE): invitations by applicant → their イベント by (CompanyId, SelectionMeetingId) → 日程 by
    // (CompanyId, EventId, StartUtc). As a plain join SQLite scanned all the company's 日程 first. Held: a seek per row on
    // (ApplicantId, ScheduleId, ActiveMarker).
    private static readonly CompiledPerModel<Func<SaiyoDbContext, Guid, Guid, DateTime, bool, Guid?, IAsyncEnumerable<BookableSlot>>> Bookable = new(() => EF.CompileAsyncQuery(
        (SaiyoDbContext db, Guid applicantId, Guid companyId, DateTime now, bool includeFull, Guid? sameEventAs) =>
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            where s.CompanyId == companyId
                  && db.InterviewEvents.Where(x => x.CompanyId == companyId && db.ApplicantInvitations.Where(i => i.ApplicantId == applicantId).Select(i => i.SelectionMeetingId).Contains(x.SelectionMeetingId)).Select(x => x.Id).Contains(s.EventId)
                  && (sameEventAs == null || s.EventId == db.Schedules.Where(x => x.Id == sameEventAs && x.CompanyId == companyId).Select(x => x.EventId).FirstOrDefault())
                  && e.CompanyId == companyId && s.Shown && !s.Deleted && (includeFull || s.BookedCount < s.Capacity) && s.StartUtc > now
            orderby s.StartUtc
            select new BookableSlot(s.Id, s.EventId, s.StartUtc, s.EndUtc, s.Venue, s.Capacity, s.BookedCount,
                e.Name, e.MergeParallelSlots, e.BookingLimit, e.BookingDeadlineMinutes, m.Id, m.Name,
                db.Bookings.Any(b => b.ApplicantId == applicantId && b.ScheduleId == s.Id && b.State == BookingState.Active))));

    public async Task<BookingResult> BookAsync(Applicant applicant, Guid scheduleId, bool byStaff, CancellationToken ct)
    {
        var ev = await FindOffered.For(db)(db, applicant.CompanyId, applicant.Id, scheduleId, null, ct);
        if (ev is null) return new(BookingOutcome.NotFound);
        if (ev.Booked) return new(BookingOutcome.AlreadyBooked);
        if (ev.Held) return new(BookingOutcome.LimitReached);
        // Refused as the 日程 was read a moment ago (most attempts of a rush are 満席): no transaction, no write lock.
        if (Refusal(ev.StartUtc, ev.Shown, false, ev.BookedCount >= ev.Capacity, ev, byStaff) is { } refused)
            return new(refused) { MergesParallel = ev.MergeParallelSlots };

        var registerOn = ev.PersonalJoinLinks && ev.MeetingState == MeetingState.Issued ? ev.ZoomId : null;
        var key = registerOn is null ? null : await links.ConnectionKeyAsync(applicant.CompanyId, ct);
        // Everything is built before BEGIN, so the transaction holds only its statements.
        var booking = NewBooking(applicant, scheduleId, byStaff, ev.LimitScope);
        if (key is null)
        {
            // The mail is recorded, not rendered: the dispatcher writes it from this row after the commit, with the join
            // URL and .ics SEQUENCE fixed here (the link worker compares MailedJoinUrl, so it is set now).
            booking.MailedJoinUrl = BookingLinks.JoinUrl(ev.MeetingState, ev.ZoomId, ev.JoinUrl, ev.PersonalJoinLinks, booking);
            booking.CalendarSequence++;
            var mail = outbox.Recorded(applicant.CompanyId, applicant.Email, "Booked", applicant.Id, booking.Id, applicant.Language, booking.MailedJoinUrl, booking.CalendarSequence);
            // An applicant's own booking: one command (BookingStatement). 代行予約 (a hidden 日程's meeting to touch) keeps the
            // transaction below.
            if (!byStaff) return await BookInOneStatementAsync(applicant, scheduleId, ev, booking, mail, ct);
            db.OutgoingMails.Add(mail);
        }
        else
        {
            // The mail waits for the registration; held from the worker meanwhile, which sends it if this node dies.
            booking.BookingMailPending = true;
            booking.LinkClaimedUntilUtc = Now + linkOptions.CurrentValue.ClaimDuration;
        }
        db.Bookings.Add(booking);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await TrySaveAsync(ct)) return await RefusedByIndexAsync(tx, applicant, ev, ct);
            // The seat last, right before the commit: every attempt on this 日程 queues on its row (PostgreSQL's row lock,
            // SQLite's one writer), so the row is held for this one statement and the commit, not across the inserts.
            if (!await TakeSeatAsync(scheduleId, ev, byStaff, ct))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear(); // the booking and its mail were not saved (a parallel 日程 may be tried next)
                return new(await SeatRefusalAsync(applicant, scheduleId, ev, byStaff, ct)) { MergesParallel = ev.MergeParallelSlots };
            }
            if (byStaff) await TouchHiddenAsync(scheduleId, ct); // a hidden 日程's first booking (代行予約) gets its meeting
            await tx.CommitAsync(ct);
        }
        PokeMeetingWorker();
        var handedOver = key is not null && !await RegisterThenConfirmAsync(applicant, booking, registerOn!.Value, key, ct);
        if (handedOver || (key is null && LinkMayBeDue(ev, booking))) linkSignal.Poke();
        interviewerSignal.Poke(); // the 面接官's calendars follow from the worker (the seat's UPDATE marked the 日程)
        return new(BookingOutcome.Booked, booking);
    }

    private async Task<BookingResult> BookInOneStatementAsync(Applicant applicant, Guid scheduleId, OfferedSlot ev, Booking booking, Saiyo.Data.Mail.OutgoingMail mail, CancellationToken ct)
    {
        try
        {
            if (!await BookingStatement.TryBookAsync(db, scheduleId, Cutoff(ev, false), booking, mail, ct))
                return new(await SeatRefusalAsync(applicant, scheduleId, ev, false, ct)) { MergesParallel = ev.MergeParallelSlots };
        }
        catch (Exception e) when (BookingStatement.IsUniqueViolation(e))
        {
            // Nothing was written (the seat neither): which rule refused it, as RefusedByIndexAsync says.
            return new(await HoldsLimitAsync(applicant, ev, null, ct) ? BookingOutcome.LimitReached : BookingOutcome.AlreadyBooked);
        }
        if (LinkMayBeDue(ev, booking)) linkSignal.Poke();
        interviewerSignal.Poke(); // the seat's UPDATE marked the 日程
        return new(BookingOutcome.Booked, booking);
    }

    /// <summary>
    /// Whether the link worker may owe this booking a link mail right after its commit: its 日程 wants a meeting that was
    /// not issued and settled with the join URL the booking's mail carries when it was read (the meeting worker's own poke
    /// may have come before this commit). A booking on an issued meeting, or on a イベント without one, wakes nobody: the
    /// worker's round scans the active bookings, and one round per booking of a rush was a third of the database's time.
    /// </summary>
    private static bool LinkMayBeDue(OfferedSlot ev, Booking booking) =>
        ev.MeetingState != MeetingState.None && !(ev.MeetingState == MeetingState.Issued && ev.MeetingSettled && booking.MailedJoinUrl is not null);

    /// <summary>
    /// The one booking mail carries the personal link: written here when the applicant could be registered at once, else
    /// left to the worker (false: the caller wakes it), which registers at the account's pace and then writes it, or says
    /// the link follows once <see cref="BookingLinkOptions.NoticeWait"/> is over. The answer never waits on Zoom's rate limit.
    /// </summary>
    private async Task<bool> RegisterThenConfirmAsync(Applicant applicant, Booking booking, long meetingId, string key, CancellationToken ct)
    {
        if (await links.TryRegisterInlineAsync(key, booking, applicant, meetingId, linkOptions.CurrentValue.InlineTimeout, ct))
        {
            // The seat is committed, so its mail is written even if the request was aborted.
            await links.WriteOwedConfirmationAsync(applicant, booking, CancellationToken.None);
            return true;
        }
        await links.HandOverAsync(booking);
        return false;
    }

    public async Task<BookingResult> CancelAsync(Applicant applicant, Guid bookingId, bool byStaff, CancellationToken ct)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId && b.ApplicantId == applicant.Id && b.CompanyId == applicant.CompanyId && b.State == BookingState.Active, ct);
        if (booking is null) return new(BookingOutcome.NotFound);
        if (!byStaff && await PastCancellationDeadlineAsync(booking.ScheduleId, ct)) return new(BookingOutcome.Closed);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await ReleaseAsync(booking, ct)) return new(BookingOutcome.NotFound);
        await mails.CancelledAsync(applicant, booking, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        PokeMeetingWorker();
        if (booking.RegistrantId is not null) linkSignal.Poke(); // its registration is cancelled at Zoom
        interviewerSignal.Poke();
        return new(BookingOutcome.Cancelled, booking);
    }

    /// <summary>
    /// 個人情報の削除: every active booking of a 日程 still to come is cancelled by staff with its mail, on the caller's
    /// transaction (poke <see cref="BookingLinkSignal"/> after the commit: the worker cancels their registrations, and
    /// <see cref="Saiyo.Web.Interviews.InterviewerCalendarSignal"/>: the 面接官's calendars drop the name); past bookings stay (the 日程's counts and statistics keep them, anonymous).
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
            // Its 面接官's calendar entry must lose the name too: marked in the same UPDATE, as a seat's change is.
            await db.Schedules.Where(s => s.Id == booking.ScheduleId && s.BookedCount > 0)
                .ExecuteUpdateAsync(x => x.SetProperty(s => s.BookedCount, s => s.BookedCount - 1).SetProperty(s => s.BookingsVersion, s => s.BookingsVersion + 1)
                    .SetProperty(s => s.InterviewersDue, true), ct);
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
        // A 変更 to another イベント must not break that one's 「予約できる数」 (the old booking does not count: it is released).
        var newEvent = await FindOffered.For(db)(db, applicant.CompanyId, applicant.Id, newScheduleId, old.Id, ct);
        if (newEvent is null) return new(BookingOutcome.NotFound);
        if (await PastCancellationDeadlineAsync(old.ScheduleId, ct)) return new(BookingOutcome.Closed);
        if (newEvent.Booked) return new(BookingOutcome.AlreadyBooked);
        if (newEvent.Held) return new(BookingOutcome.LimitReached);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await TakeSeatAsync(newScheduleId, newEvent, false, ct))
            return new(await SeatRefusalAsync(applicant, newScheduleId, newEvent, false, ct)) { MergesParallel = newEvent.MergeParallelSlots };
        if (!await ReleaseAsync(old, ct)) return new(BookingOutcome.NotFound);
        // The same calendar entry, updated: one 「ご予約を変更しました」 mail with an .ics REQUEST under the old UID, no CANCEL.
        var booking = NewBooking(applicant, newScheduleId, false, newEvent.LimitScope);
        booking.CalendarId = old.CalendarId ?? old.Id;
        booking.CalendarSequence = old.CalendarSequence;
        db.Bookings.Add(booking);
        if (newEvent.PersonalJoinLinks && newEvent.MeetingState == MeetingState.Issued)
        {
            // The personal link needs a registration on the new meeting first: the link worker registers, then sends this
            // one mail with the link (or, if Zoom does not answer within NoticeWait, saying it follows).
            booking.NoticeKind = BookingNotices.ChangedKind;
            booking.NoticeDueAtUtc = Now + linkOptions.CurrentValue.NoticeWait;
        }
        else booking.MailedJoinUrl = await mails.ChangedAsync(applicant, booking, ct);
        if (!await TrySaveAsync(ct)) return await RefusedByIndexAsync(tx, applicant, newEvent, ct);
        await tx.CommitAsync(ct);
        PokeMeetingWorker();
        linkSignal.Poke(); // a personal link for the new booking, the old one's registration cancelled
        interviewerSignal.Poke();
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
        var web = await db.InterviewEvents.Where(e => e.Id == schedule.EventId).Select(e => e.VideoProvider != null).FirstAsync(ct);
        var applicants = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var b in active)
        {
            if (deleted)
            {
                b.State = BookingState.Cancelled;
                b.ActiveMarker = null;
                b.LimitScopeId = null;
                b.NoticeKind = null;
                b.CancelledAtUtc = Now;
                b.ByStaff = true;
                await mails.CancelledAsync(applicants[b.ApplicantId], b, ct, message);
            }
            else
            {
                b.ReminderSentAtUtc = null; // a moved booking gets its reminder for the new day
                // One mail: a web interview's is sent by the link worker once the moved meeting is settled (with its link) or
                // NoticeWait passed; without a meeting there is no link to wait for.
                if (web) BookingNotices.Record(b, StaffChange.Moved, Now, linkOptions.CurrentValue.NoticeWait);
                else b.MailedJoinUrl = await mails.MovedAsync(applicants[b.ApplicantId], b, ct, schedule);
            }
        }
        if (deleted) schedule.BookedCount = 0;
    }

    /// <summary>The one statement that decides a seat; staff (代行予約) may book after the deadline and hidden schedules, never beyond capacity.</summary>
    private Task<bool> TakeSeatAsync(Guid scheduleId, OfferedSlot ev, bool byStaff, CancellationToken ct) =>
        BookingStatement.TryTakeSeatAsync(db, scheduleId, Cutoff(ev, byStaff), byStaff, ct); // the one statement's seat rule

    /// <summary>
    /// Why the seat's UPDATE matched no row (read after it: the 日程 changed since it was offered). The applicant's own attempt
    /// made at the same moment may have taken the last seat: that is 予約済み, not 満席.
    /// </summary>
    private async Task<BookingOutcome> SeatRefusalAsync(Applicant applicant, Guid scheduleId, OfferedSlot ev, bool byStaff, CancellationToken ct)
    {
        var s = await db.Schedules.AsNoTracking().Where(x => x.Id == scheduleId).Select(x => new
        {
            x.StartUtc, x.Shown, x.Deleted,
            Booked = db.Bookings.Any(b => b.ApplicantId == applicant.Id && b.ScheduleId == scheduleId && b.State == BookingState.Active),
        }).FirstAsync(ct);
        if (s.Booked) return BookingOutcome.AlreadyBooked;
        return Refusal(s.StartUtc, s.Shown, s.Deleted, true, ev, byStaff) ?? BookingOutcome.Full;
    }

    /// <summary>締切 (past the deadline, hidden or deleted) before 満席, as the seat's UPDATE decides them.</summary>
    private BookingOutcome? Refusal(DateTime startUtc, bool shown, bool deleted, bool full, OfferedSlot ev, bool byStaff) =>
        deleted || (!byStaff && !shown) || startUtc <= Cutoff(ev, byStaff) ? BookingOutcome.Closed
        : full ? BookingOutcome.Full
        : null;

    private DateTime Cutoff(OfferedSlot ev, bool byStaff) => byStaff ? Now : Now.AddMinutes(ev.BookingDeadlineMinutes);

    private async Task<bool> ReleaseAsync(Booking booking, CancellationToken ct)
    {
        var now = Now;
        var released = await db.Bookings.Where(b => b.Id == booking.Id && b.State == BookingState.Active)
            .ExecuteUpdateAsync(x => x.SetProperty(b => b.State, BookingState.Cancelled).SetProperty(b => b.ActiveMarker, (int?)null)
                .SetProperty(b => b.LimitScopeId, (Guid?)null).SetProperty(b => b.NoticeKind, (string?)null).SetProperty(b => b.CancelledAtUtc, now), ct);
        if (released == 0) return false;
        await db.Schedules.Where(s => s.Id == booking.ScheduleId && s.BookedCount > 0)
            .ExecuteUpdateAsync(x => x.SetProperty(s => s.BookedCount, s => s.BookedCount - 1).SetProperty(s => s.BookingsVersion, s => s.BookingsVersion + 1)
                .SetProperty(s => s.InterviewersDue, true), ct);
        await TouchHiddenAsync(booking.ScheduleId, ct); // the last booking of a hidden 日程 leaving: its meeting goes
        // The tracked row as the UPDATE left it, so that what is saved later (the mail's SEQUENCE) writes only itself.
        await db.Entry(booking).ReloadAsync(ct);
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

    private Booking NewBooking(Applicant applicant, Guid scheduleId, bool byStaff, Guid? scope) => new()
    {
        CompanyId = applicant.CompanyId, ApplicantId = applicant.Id, ScheduleId = scheduleId, State = BookingState.Active,
        ActiveMarker = 1, LimitScopeId = scope, ByStaff = byStaff, CreatedAtUtc = Now,
    };

    /// <summary>What an active booking of <paramref name="ev"/> uses up under its 「予約できる数」: the イベント, the 選考会, or nothing.</summary>
    public static Guid? LimitScope(InterviewEvent ev) => LimitScope(ev.BookingLimit, ev.Id, ev.SelectionMeetingId);

    public static Guid? LimitScope(BookingLimit limit, Guid eventId, Guid selectionMeetingId) => limit switch
    {
        BookingLimit.PerEvent => eventId,
        BookingLimit.PerSelectionMeeting => selectionMeetingId,
        _ => null,
    };

    /// <summary>
    /// The applicant already holds the booking <paramref name="ev"/>'s limit allows (apart from <paramref name="except"/>).
    /// Checked by scope rather than only by the stored scope, so bookings made before the limit was set count too; the unique
    /// index decides between concurrent attempts.
    /// </summary>
    private async Task<bool> HoldsLimitAsync(Applicant applicant, OfferedSlot ev, Guid? except, CancellationToken ct)
    {
        if (ev.LimitScope is not { } scope) return false;
        var held =
            from b in db.Bookings
            join s in db.Schedules on b.ScheduleId equals s.Id
            join e in db.InterviewEvents on s.EventId equals e.Id
            where b.ApplicantId == applicant.Id && b.CompanyId == applicant.CompanyId && b.State == BookingState.Active && b.Id != except && !s.Deleted
            select new { b.LimitScopeId, e.Id, e.SelectionMeetingId };
        return ev.BookingLimit == BookingLimit.PerSelectionMeeting
            ? await held.AnyAsync(x => x.LimitScopeId == scope || x.SelectionMeetingId == scope, ct)
            : await held.AnyAsync(x => x.LimitScopeId == scope || x.Id == scope, ct);
    }

    /// <summary>
    /// A unique index refused the insert (a booking made at the same moment elsewhere): rolls back (the seat with it; PostgreSQL
    /// allows no query in a failed transaction) and says which rule it was.
    /// </summary>
    private async Task<BookingResult> RefusedByIndexAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, Applicant applicant, OfferedSlot ev, CancellationToken ct)
    {
        await tx.RollbackAsync(ct);
        _meetingTouched = false;
        return new(await HoldsLimitAsync(applicant, ev, null, ct) ? BookingOutcome.LimitReached : BookingOutcome.AlreadyBooked);
    }

    private bool _meetingTouched;

    private async Task TouchHiddenAsync(Guid scheduleId, CancellationToken ct)
    {
        if (await Meetings.MeetingPlan.TouchIfHiddenAsync(db, scheduleId, Now, ct) > 0) _meetingTouched = true;
    }

    /// <summary>After the commit: wakes this node's meeting worker when a hidden 日程's meeting must come or go.</summary>
    private void PokeMeetingWorker()
    {
        if (_meetingTouched) meetingSignal.Poke();
        _meetingTouched = false;
    }

    /// <summary>
    /// A 日程 offered to the applicant, with only what a booking or 変更 decides and writes by: the seat's state, its meeting's
    /// join URL, its イベント's rules, and whether the applicant already holds it (<see cref="Booked"/>) or the booking its イベント's
    /// 「予約できる数」 allows (<see cref="Held"/>).
    /// </summary>
    private sealed record OfferedSlot(DateTime StartUtc, bool Shown, int Capacity, int BookedCount, MeetingState MeetingState, long? ZoomId, string? JoinUrl,
        bool MeetingSettled, Guid EventId, Guid SelectionMeetingId, BookingLimit BookingLimit, int BookingDeadlineMinutes, bool PersonalJoinLinks, bool MergeParallelSlots, bool Booked, bool Held)
    {
        public Guid? LimitScope => BookingService.LimitScope(BookingLimit, EventId, SelectionMeetingId);
    }

    // The 日程 if it belongs to a 選考会 offered to the applicant (else nothing, whatever the id), in one round trip. Compiled
    // once: on the booking path EF Core's query cache lookup (the expression tree's key) cost as much as the query. Projected:
    // the whole 日程 (with its meeting's and attendance's ~30 columns) and イベント were read, decoded and materialized per POST.
    // Held as HoldsLimitAsync, apart from the booking a 変更 releases (except).
    private static readonly CompiledPerModel<Func<SaiyoDbContext, Guid, Guid, Guid, Guid?, CancellationToken, Task<OfferedSlot?>>> FindOffered = new(() => EF.CompileAsyncQuery(
        (SaiyoDbContext db, Guid companyId, Guid applicantId, Guid scheduleId, Guid? except, CancellationToken ct) => (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            where s.Id == scheduleId && s.CompanyId == companyId && !s.Deleted
                  && db.ApplicantInvitations.Any(i => i.ApplicantId == applicantId && i.SelectionMeetingId == e.SelectionMeetingId)
            select new OfferedSlot(s.StartUtc, s.Shown, s.Capacity, s.BookedCount, s.Meeting.State, s.Meeting.ZoomId, s.Meeting.JoinUrl,
                s.Meeting.WantedVersion == s.Meeting.AppliedVersion, e.Id, e.SelectionMeetingId, e.BookingLimit, e.BookingDeadlineMinutes, e.PersonalJoinLinks, e.MergeParallelSlots,
                db.Bookings.Any(b => b.ApplicantId == applicantId && b.ScheduleId == scheduleId && b.State == BookingState.Active),
                (
                    from b in db.Bookings
                    join hs in db.Schedules on b.ScheduleId equals hs.Id
                    join he in db.InterviewEvents on hs.EventId equals he.Id
                    where b.ApplicantId == applicantId && b.CompanyId == companyId && b.State == BookingState.Active && b.Id != except && !hs.Deleted
                          && ((e.BookingLimit == BookingLimit.PerEvent && (b.LimitScopeId == e.Id || he.Id == e.Id))
                              || (e.BookingLimit == BookingLimit.PerSelectionMeeting && (b.LimitScopeId == e.SelectionMeetingId || he.SelectionMeetingId == e.SelectionMeetingId)))
                    select b.Id).Any())).FirstOrDefault()));

    /// <summary>Whether a booking of the 日程 is past its イベント's キャンセル deadline (two columns read, not the whole rows).</summary>
    private async Task<bool> PastCancellationDeadlineAsync(Guid scheduleId, CancellationToken ct)
    {
        var row = await (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            where s.Id == scheduleId
            select new { s.StartUtc, e.CancellationDeadlineMinutes }).FirstAsync(ct);
        return row.StartUtc <= Now.AddMinutes(row.CancellationDeadlineMinutes);
    }
}
