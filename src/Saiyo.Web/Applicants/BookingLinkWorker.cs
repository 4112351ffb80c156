using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Hosting;
using Saiyo.Zoom;

namespace Saiyo.Web.Applicants;

/// <summary>
/// Keeps each booking's join link in step with its meeting, on every node: registers the applicant when the event uses
/// personal join links (again on a re-issued meeting), mails "your link is ready" or "your link changed" when the URL the
/// applicant can use differs from the one last mailed (<see cref="Booking.MailedJoinUrl"/>, set in the same SaveChanges as
/// the mail), sends a booking confirmation a dead node still owed, and cancels the registration of a cancelled booking.
/// A node claims one booking at a time with a conditional UPDATE of <see cref="Booking.LinkClaimedUntilUtc"/>.
/// </summary>
public sealed partial class BookingLinkWorker(
    IServiceScopeFactory scopes, IOptionsMonitor<BookingLinkOptions> options, BookingLinkSignal signal, TimeProvider time, ILogger<BookingLinkWorker> logger)
    : ClaimingWorker<Booking>(scopes, time, logger, signal)
{
    protected override ClaimLoop Loop => new(options.CurrentValue.PollInterval, options.CurrentValue.ClaimDuration, options.CurrentValue.Enabled, options.CurrentValue.InFlight);

    protected override Expression<Func<Booking, DateTime?>> ClaimedUntil => b => b.LinkClaimedUntilUtc;

    protected override IQueryable<Booking> Due(SaiyoDbContext db, DateTime now) =>
        from b in db.Bookings
        where (b.LinkNextAttemptAtUtc == null || b.LinkNextAttemptAtUtc <= now)
              && ((b.State == BookingState.Cancelled && b.RegistrantId != null)
                  || (b.State == BookingState.Active && b.BookingMailPending)
                  // A staff change's mail (BookingNotices): once the meeting is settled, or when the wait for the link is over.
                  || (b.State == BookingState.Active && b.NoticeKind != null && (b.NoticeDueAtUtc <= now
                      || db.Schedules.Any(s => s.Id == b.ScheduleId && (s.Meeting.WantedVersion == s.Meeting.AppliedVersion || s.Deleted))))
                  // A settled, issued meeting of a future schedule whose link the applicant was not told yet.
                  || (b.State == BookingState.Active && db.Schedules.Any(s => s.Id == b.ScheduleId
                      && !s.Deleted && s.StartUtc > now && s.Meeting.State == MeetingState.Issued
                      && s.Meeting.ZoomId != null && s.Meeting.JoinUrl != null && s.Meeting.WantedVersion == s.Meeting.AppliedVersion
                      && db.InterviewEvents.Any(e => e.Id == s.EventId
                          && ((e.PersonalJoinLinks && (b.RegistrantId == null || b.RegistrantMeetingId != s.Meeting.ZoomId || b.PersonalJoinUrl != b.MailedJoinUrl))
                              || (!e.PersonalJoinLinks && s.Meeting.JoinUrl != b.MailedJoinUrl))))))
        select b;

    protected override IQueryable<Booking> InOrder(IQueryable<Booking> due, SaiyoDbContext db) =>
        due.OrderBy(b => db.Schedules.Where(s => s.Id == b.ScheduleId).Select(s => s.StartUtc).FirstOrDefault());

    protected override Task WorkAsync(IServiceProvider services, SaiyoDbContext db, Guid id, CancellationToken ct) =>
        new OneBooking(services, db, options.CurrentValue, Time, logger).RunAsync(id, ct);

    private sealed class OneBooking(IServiceProvider services, SaiyoDbContext db, BookingLinkOptions options, TimeProvider time, ILogger logger)
    {
        private readonly BookingLinks _links = services.GetRequiredService<BookingLinks>();
        private readonly BookingMails _mails = services.GetRequiredService<BookingMails>();
        private readonly IZoomApiClient _zoom = services.GetRequiredService<IZoomApiClient>();
        private DateTime Now => time.GetUtcNow().UtcDateTime;
        private Booking _b = null!;

        /// <summary>An owed confirmation waiting for its link: looked at again then, even without an error.</summary>
        private DateTime? _waitUntil;

        public async Task RunAsync(Guid id, CancellationToken ct)
        {
            _b = await db.Bookings.FirstAsync(b => b.Id == id, ct);
            var row = await (
                from s in db.Schedules.AsNoTracking()
                join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
                where s.Id == _b.ScheduleId
                select new { s, e }).FirstAsync(ct);
            var applicant = await db.Applicants.AsNoTracking().FirstAsync(a => a.Id == _b.ApplicantId, ct);
            try
            {
                var error = _b.State == BookingState.Cancelled
                    ? await CancelRegistrationAsync(applicant, ct)
                    : await FollowUpAsync(row.s, row.e, applicant, ct);
                if (error is null) Succeed();
                else await FailAsync(error, row.s, ct);
                if (_waitUntil is { } until && (_b.LinkNextAttemptAtUtc is null || _b.LinkNextAttemptAtUtc > until)) _b.LinkNextAttemptAtUtc = until;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCrashed(logger, ex, _b.Id);
                Retry("Unexpected", countsAttempt: true);
            }
            _b.LinkClaimedUntilUtc = null;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex)
            {
                // Nothing of this attempt is kept (a mail only with its MailedJoinUrl); release the claim so it is retried soon.
                LogCrashed(logger, ex, id);
                db.ChangeTracker.Clear();
                var retryAt = Now + options.BaseBackoff;
                await db.Bookings.Where(b => b.Id == id).ExecuteUpdateAsync(x => x
                    .SetProperty(b => b.LinkClaimedUntilUtc, (DateTime?)null).SetProperty(b => b.LinkNextAttemptAtUtc, retryAt)
                    .SetProperty(b => b.LinkError, "SaveFailed"), ct);
            }
        }

        private async Task<ZoomError?> CancelRegistrationAsync(Applicant a, CancellationToken ct)
        {
            _b.BookingMailPending = false; // a booking cancelled before its confirmation went out needs none
            if (_b.RegistrantId is not { } registrant || _b.RegistrantMeetingId is not { } meetingId) return null;
            if (await _links.ConnectionKeyAsync(_b.CompanyId, ct) is not { } key) return NotLinked;
            var cancelled = await _zoom.CancelRegistrantAsync(key, meetingId, registrant, a.Email, ct);
            if (!cancelled.IsSuccess) return cancelled.Error;
            LogRegistrationCancelled(logger, _b.Id, meetingId, cancelled.AlreadyGone);
            _b.RegistrantId = null; // done: not repeated
            return null;
        }

        private async Task<ZoomError?> FollowUpAsync(Schedule s, InterviewEvent e, Applicant a, CancellationToken ct)
        {
            var ready = !s.Deleted && s.StartUtc > Now && s.Meeting.WantedVersion == s.Meeting.AppliedVersion;
            ZoomError? registrationError = null;
            if (ready && BookingLinks.NeedsRegistration(s, e, _b))
            {
                if (await _links.ConnectionKeyAsync(_b.CompanyId, ct) is { } key)
                {
                    registrationError = await _links.RegisterAsync(key, _b, a, s.Meeting.ZoomId!.Value, ct);
                    if (registrationError is null) LogRegistered(logger, _b.Id, s.Meeting.ZoomId.Value);
                }
                else registrationError = NotLinked;
                await db.SaveChangesAsync(ct); // the registrant is kept even if the mail below fails
            }

            if (_b.BookingMailPending)
            {
                // The booking's one mail (handed over by the request, or left by a node that died): with the personal link; it
                // says the link follows only once NoticeWait is over without one (then one 「参加URLのご案内」 carries it).
                var due = _b.CreatedAtUtc + options.NoticeWait;
                var linkComing = e.PersonalJoinLinks && !s.Deleted && s.StartUtc > Now && BookingLinks.JoinUrl(s, e, _b) is null;
                if (linkComing && Now < due)
                {
                    // Retried after the error's backoff (a 429: after Retry-After), or soon while the meeting settles, and
                    // never later than the wait's end.
                    var look = registrationError is null ? Now + options.BaseBackoff : due;
                    _waitUntil = look < due ? look : due;
                    return registrationError;
                }
                await _links.WriteOwedConfirmationAsync(a, _b, ct);
                return registrationError;
            }
            if (_b.NoticeKind is { } notice)
            {
                // The booking's own mail not sent yet: one confirmation with the change replaces it (once the dispatcher lets go of it).
                switch (await _links.ReplaceUnsentConfirmationAsync(a, _b, ct))
                {
                    case BookingLinks.UnsentConfirmation.Replaced:
                        LogMailed(logger, _b.Id, "Booked");
                        return registrationError;
                    case BookingLinks.UnsentConfirmation.Sending:
                        _waitUntil = Now + options.BaseBackoff;
                        return registrationError;
                }
                // One mail for the staff change: with the link when the meeting is ready, else "the link follows" (MailedJoinUrl
                // stays empty, so exactly one 「参加URLのご案内」 follows once it is).
                _b.MailedJoinUrl = await _mails.NoticeAsync(a, _b, notice, ct);
                _b.NoticeKind = null;
                _b.NoticeDueAtUtc = null;
                LogMailed(logger, _b.Id, notice);
                return registrationError;
            }
            if (registrationError is not null) return registrationError;

            var url = BookingLinks.JoinUrl(s, e, _b);
            if (ready && url is not null && url != _b.MailedJoinUrl)
            {
                // The booking mail said the link would follow (nothing mailed yet), or the link changed since.
                var first = _b.MailedJoinUrl is null;
                _b.MailedJoinUrl = first ? await _mails.LinkReadyAsync(a, _b, ct) : await _mails.LinkChangedAsync(a, _b, ct);
                LogMailed(logger, _b.Id, first ? "LinkReady" : "LinkChanged");
            }
            return null;
        }

        private static ZoomError NotLinked => new(ZoomErrorKind.ReauthorizationRequired, "The Zoom linkage is not 連携中.");

        private void Succeed()
        {
            _b.LinkAttempts = 0;
            _b.LinkError = null;
            _b.LinkNextAttemptAtUtc = null;
        }

        private void Retry(string reason, bool countsAttempt, TimeSpan? after = null)
        {
            if (countsAttempt) _b.LinkAttempts++;
            _b.LinkError = reason;
            // No final failure: a link the applicant was promised keeps being tried, at most every MaxBackoff.
            var backoff = after ?? Backoff.After(_b.LinkAttempts, options.BaseBackoff, options.MaxBackoff);
            _b.LinkNextAttemptAtUtc = Now + backoff;
        }

        private async Task FailAsync(ZoomError error, Schedule s, CancellationToken ct)
        {
            LogZoomFailed(logger, _b.Id, error.Kind, error.ZoomCode);
            switch (error.Kind)
            {
                case ZoomErrorKind.ReauthorizationRequired:
                    Retry("NotLinked", countsAttempt: false, TimeSpan.FromMinutes(1));
                    break;
                case ZoomErrorKind.RateLimited:
                    Retry("RateLimited", countsAttempt: false, error.RetryAfter ?? TimeSpan.FromSeconds(1));
                    break;
                case ZoomErrorKind.DailyLimitReached:
                    Retry("DailyLimitReached", countsAttempt: false, (error.ResumesAtUtc?.UtcDateTime ?? Now.Date.AddDays(1)) - Now);
                    break;
                case ZoomErrorKind.NotFound when _b.State == BookingState.Active && s.Meeting.ZoomId is { } gone:
                    // The meeting is gone at Zoom: have the meeting worker look (its update finds it gone and re-issues),
                    // then register on the new meeting when it has one.
                    await db.Schedules.Where(x => x.Id == s.Id && x.Meeting.ZoomId == gone && x.Meeting.WantedVersion == x.Meeting.AppliedVersion)
                        .ExecuteUpdateAsync(x => x.SetProperty(y => y.Meeting.WantedVersion, y => y.Meeting.WantedVersion + 1)
                            .SetProperty(y => y.Meeting.State, MeetingState.Pending).SetProperty(y => y.Meeting.NextAttemptAtUtc, Now), ct);
                    services.GetService<Meetings.MeetingSyncSignal>()?.Poke();
                    Retry("MeetingGone", countsAttempt: true);
                    break;
                default:
                    Retry(error.Kind + (error.ZoomCode is { } code ? $" ({code})" : ""), countsAttempt: true);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Booking {BookingId}: link follow-up failed unexpectedly")]
    private static partial void LogCrashed(ILogger logger, Exception ex, Guid bookingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {BookingId}: applicant registered on Zoom meeting {MeetingId}")]
    private static partial void LogRegistered(ILogger logger, Guid bookingId, long meetingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {BookingId}: registration on Zoom meeting {MeetingId} cancelled (meeting already gone: {AlreadyGone})")]
    private static partial void LogRegistrationCancelled(ILogger logger, Guid bookingId, long meetingId, bool alreadyGone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {BookingId}: {Kind} mail added")]
    private static partial void LogMailed(ILogger logger, Guid bookingId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking {BookingId}: Zoom call failed: {Kind} {ZoomCode}")]
    private static partial void LogZoomFailed(ILogger logger, Guid bookingId, ZoomErrorKind kind, int? zoomCode);
}
