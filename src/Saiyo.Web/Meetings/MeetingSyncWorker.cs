using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Hosting;
using Saiyo.Zoom;

namespace Saiyo.Web.Meetings;

/// <summary>
/// Brings Zoom in line with the schedules (the outbox is the schedule row: <see cref="ScheduleMeeting.WantedVersion"/>
/// ahead of <see cref="ScheduleMeeting.AppliedVersion"/>). Each node claims one due row at a time with a conditional
/// UPDATE, so several nodes never work on one schedule; the outcome is written with the wanted version as a
/// concurrency token, so an edit made meanwhile is never overwritten and simply makes the row due again.
/// </summary>
public sealed partial class MeetingSyncWorker(
    IServiceScopeFactory scopes, IOptionsMonitor<MeetingSyncOptions> options, MeetingSyncSignal signal, TimeProvider time, ILogger<MeetingSyncWorker> logger)
    : ClaimingWorker<Schedule>(scopes, time, logger, signal)
{
    public const string PasscodePurpose = "Saiyo.Meetings.Passcode.v1";

    protected override ClaimLoop Loop => new(options.CurrentValue.PollInterval, options.CurrentValue.ClaimDuration, options.CurrentValue.Enabled, options.CurrentValue.InFlight);

    protected override Expression<Func<Schedule, DateTime?>> ClaimedUntil => s => s.Meeting.ClaimedUntilUtc;

    /// <summary>The wanted version is ahead of the applied one and the next attempt is due.</summary>
    protected override IQueryable<Schedule> Due(SaiyoDbContext db, DateTime now) =>
        db.Schedules.Where(s => s.Meeting.WantedVersion != s.Meeting.AppliedVersion && s.Meeting.State != MeetingState.Failed
            && (s.Meeting.NextAttemptAtUtc == null || s.Meeting.NextAttemptAtUtc <= now
                // Blocked rows resume as soon as the linkage is 連携中 again (re-authorization).
                || (s.Meeting.State == MeetingState.Blocked
                    && db.VideoLinkages.Any(l => l.CompanyId == s.CompanyId && l.Provider == VideoProvider.Zoom && l.Status == LinkageStatus.Linked))));

    protected override IQueryable<Schedule> InOrder(IQueryable<Schedule> due, SaiyoDbContext db) => due.OrderBy(s => s.StartUtc);

    protected override void OnClaim(UpdateSettersBuilder<Schedule> set) => set.SetProperty(s => s.Meeting.ClaimedBy, Node);

    protected override async Task WorkAsync(IServiceProvider services, SaiyoDbContext db, Guid id, CancellationToken ct)
    {
        await new OneSchedule(services, db, options.CurrentValue, Time, logger).RunAsync(id, ct);
        // Bookings on it may now have a link to register or mail.
        services.GetService<Applicants.BookingLinkSignal>()?.Poke();
    }

    /// <summary>One claimed schedule: decide, call Zoom, write the outcome.</summary>
    private sealed class OneSchedule(IServiceProvider services, SaiyoDbContext db, MeetingSyncOptions options, TimeProvider time, ILogger logger)
    {
        private readonly IZoomApiClient _api = services.GetRequiredService<IZoomApiClient>();
        private readonly IDataProtector _passcodes = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(PasscodePurpose);
        private DateTime Now => time.GetUtcNow().UtcDateTime;
        private Schedule _s = null!;
        private int _version;
        private string? _joinUrlBefore;
        /// <summary>Its イベント gives each 日程 its own host (ホストプール or 面接官's users).</summary>
        private bool _pooled;

        public async Task RunAsync(Guid id, CancellationToken ct)
        {
            var row = await db.Schedules.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (row is null) return; // settled and removed meanwhile
            _s = row;
            _version = _s.Meeting.WantedVersion;
            _joinUrlBefore = _s.Meeting.JoinUrl;
            var ev = await db.InterviewEvents.AsNoTracking().FirstAsync(e => e.Id == _s.EventId, ct);
            _pooled = MeetingPlan.UsesPool(ev);
            try
            {
                await SyncAsync(ev, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSyncCrashed(logger, ex, _s.Id);
                Retry("Unexpected", countsAttempt: true);
            }
            await PersistAsync(ct);
        }

        private async Task SyncAsync(InterviewEvent ev, CancellationToken ct)
        {
            var s = _s;
            var keep = MeetingPlan.KeepsMeeting(s, ev);
            var future = s.StartUtc > Now;
            if (s.Meeting.ZoomId is null && !s.Meeting.ReconcileFirst && !(keep && future))
            {
                Settle();
                return;
            }

            var link = await db.VideoLinkages.AsNoTracking().FirstOrDefaultAsync(l => l.CompanyId == s.CompanyId && l.Provider == VideoProvider.Zoom, ct);
            if (link is not { Status: LinkageStatus.Linked })
            {
                Block(link?.Status == LinkageStatus.ReauthorizationRequired ? "ReauthorizationRequired" : "NotLinked");
                return;
            }
            var key = link.Id.ToString();

            // A create whose outcome is unknown: find it before anything else, never create a second one.
            if (s.Meeting.ReconcileFirst && s.Meeting.ZoomId is null && s.Meeting.Host is { } sentTo && s.Meeting.ReconciliationTag is { } tag)
            {
                var found = await _api.FindMeetingByTagAsync(key, sentTo, tag, ct);
                if (!found.IsSuccess) { await FailAsync(found.Error, ct); return; }
                if (found.Value is { } lost)
                {
                    var full = await _api.GetMeetingAsync(key, lost.Id, ct);
                    if (!full.IsSuccess) { await FailAsync(full.Error, ct); return; }
                    Adopt(full.Value, sentTo);
                    LogAdopted(logger, s.Id, lost.Id);
                }
                s.Meeting.ReconcileFirst = false;
            }
            else if (s.Meeting.ReconcileFirst && s.Meeting.ZoomId is not null)
            {
                s.Meeting.ReconcileFirst = false;
            }

            // A meeting that must go: hidden, deleted, なし, or moving to the event's new host.
            if (s.Meeting.ZoomId is { } old)
            {
                var move = keep && future && !string.Equals(s.Meeting.Host, MeetingPlan.HostOf(s, ev), StringComparison.Ordinal);
                if (!keep || move)
                {
                    var deleted = await _api.DeleteMeetingAsync(key, old, ct);
                    if (!deleted.IsSuccess) { await FailAsync(deleted.Error, ct); return; }
                    LogDeleted(logger, s.Id, old, deleted.AlreadyGone);
                    ClearMeeting();
                    // Recorded at once, so that Zoom's meeting.deleted for our own delete finds nothing to re-issue.
                    await db.Schedules.Where(x => x.Id == s.Id && x.Meeting.ZoomId == old).ExecuteUpdateAsync(u => u
                        .SetProperty(x => x.Meeting.ZoomId, (long?)null).SetProperty(x => x.Meeting.JoinUrl, (string?)null)
                        .SetProperty(x => x.Meeting.ProtectedPasscode, (string?)null).SetProperty(x => x.Meeting.ZoomUuid, (string?)null), ct);
                }
            }

            var (meetingName, zone) = await TopicPartsAsync(ev, ct);
            if (s.Meeting.ZoomId is { } current)
            {
                if (!future) { Succeed(MeetingState.Issued); return; } // a started meeting is left as it is
                if (!await ReserveQuotaAsync(s.Meeting.Host, ct)) return;
                var updated = await _api.UpdateMeetingAsync(key, current, Request(ev, meetingName, zone, tag: null), ct);
                await SettleQuotaAsync(s.Meeting.Host, updated.Error, ct);
                if (updated.IsSuccess) { Succeed(MeetingState.Issued); return; }
                if (updated.Error.Kind != ZoomErrorKind.NotFound) { await FailAsync(updated.Error, ct); return; }
                // Gone on Zoom's side without us hearing of it: issue again below.
                ClearMeeting();
                s.Meeting.DeletedOnZoomAtUtc = Now;
            }

            if (!(keep && future))
            {
                if (MeetingPlan.LacksInterviewerHost(s, ev, Now)) FailWithout(MeetingPlan.NoInterviewerHost);
                else Settle();
                return;
            }

            var host = MeetingPlan.HostOf(s, ev)!;
            if (!await ReserveQuotaAsync(host, ct)) return;
            var newTag = MeetingPlan.Tag(s.Id);
            // Written before sending: if this node dies or the response is lost, the next attempt looks first.
            s.Meeting.ReconcileFirst = true;
            s.Meeting.ReconciliationTag = newTag;
            s.Meeting.Host = host;
            await db.Schedules.Where(x => x.Id == s.Id).ExecuteUpdateAsync(
                x => x.SetProperty(y => y.Meeting.ReconcileFirst, true).SetProperty(y => y.Meeting.ReconciliationTag, newTag).SetProperty(y => y.Meeting.Host, host), ct);

            var created = await _api.CreateMeetingAsync(key, host, Request(ev, meetingName, zone, newTag), ct);
            await SettleQuotaAsync(host, created.Error, ct);
            if (!created.IsSuccess)
            {
                // Only a lost response may have created it; anything else certainly did not.
                if (created.Error.Kind != ZoomErrorKind.OutcomeUnknown) s.Meeting.ReconcileFirst = false;
                await FailAsync(created.Error, ct);
                return;
            }
            Adopt(created.Value, host);
            s.Meeting.ReconcileFirst = false;
            LogIssued(logger, s.Id, created.Value.Id);
            Succeed(MeetingState.Issued);
        }

        private async Task<(string MeetingName, string Zone)> TopicPartsAsync(InterviewEvent ev, CancellationToken ct)
        {
            var name = await db.SelectionMeetings.Where(m => m.Id == ev.SelectionMeetingId).Select(m => m.Name).FirstAsync(ct);
            var zone = await db.Companies.Where(c => c.Id == ev.CompanyId).Select(c => c.TimeZoneId).FirstAsync(ct);
            return (name, zone);
        }

        private ZoomMeetingRequest Request(InterviewEvent ev, string meetingName, string zone, string? tag) => new()
        {
            Topic = MeetingPlan.Topic(meetingName, ev.Name),
            StartUtc = new DateTimeOffset(DateTime.SpecifyKind(_s.StartUtc, DateTimeKind.Utc)),
            Duration = Math.Max(1, (int)Math.Round((_s.EndUtc - _s.StartUtc).TotalMinutes)),
            TimeZoneId = zone,
            WaitingRoom = ev.WaitingRoom,
            GeneratePasscode = ev.Passcode,
            RegistrationRequired = ev.PersonalJoinLinks,
            ReconciliationTag = tag,
        };

        private void Adopt(ZoomMeeting m, string host)
        {
            _s.Meeting.ZoomId = m.Id;
            _s.Meeting.ZoomUuid = m.Uuid;
            _s.Meeting.JoinUrl = m.JoinUrl;
            _s.Meeting.ProtectedPasscode = string.IsNullOrEmpty(m.Password) ? null : _passcodes.Protect(m.Password);
            _s.Meeting.Host = host;
            _s.Meeting.IssuedAtUtc = Now;
        }

        private void ClearMeeting()
        {
            _s.Meeting.ZoomId = null;
            _s.Meeting.ZoomUuid = null;
            _s.Meeting.JoinUrl = null;
            _s.Meeting.ProtectedPasscode = null;
            _s.Meeting.IssuedAtUtc = null;
        }

        private void Settle() => Succeed(MeetingState.None);

        /// <summary>Nothing to send until a person acts (e.g. maps a 面接官 to a Zoom user): 発行失敗 with the reason.</summary>
        private void FailWithout(string reason)
        {
            _s.Meeting.State = MeetingState.Failed;
            _s.Meeting.LastError = reason;
            _s.Meeting.NextAttemptAtUtc = null;
        }

        private void Succeed(MeetingState state)
        {
            _s.Meeting.State = state;
            _s.Meeting.AppliedVersion = _version;
            _s.Meeting.Attempts = 0;
            _s.Meeting.LastError = null;
            _s.Meeting.NextAttemptAtUtc = null;
        }

        private void Block(string reason)
        {
            _s.Meeting.State = MeetingState.Blocked;
            _s.Meeting.LastError = reason;
            _s.Meeting.NextAttemptAtUtc = Now.AddMinutes(10);
        }

        private void Retry(string reason, bool countsAttempt, TimeSpan? after = null)
        {
            if (countsAttempt) _s.Meeting.Attempts++;
            _s.Meeting.LastError = reason;
            // A deleted 日程's meeting is never given up: its join URL stays live at Zoom until the delete goes through.
            if (_s.Meeting.Attempts >= options.MaxAttempts && !_s.Deleted)
            {
                _s.Meeting.State = MeetingState.Failed;
                _s.Meeting.NextAttemptAtUtc = null;
                return;
            }
            var backoff = after ?? Backoff.After(_s.Meeting.Attempts, options.BaseBackoff, _s.Deleted ? options.TombstoneMaxBackoff : options.MaxBackoff);
            _s.Meeting.State = MeetingState.Pending;
            _s.Meeting.NextAttemptAtUtc = Now + backoff;
        }

        private async Task FailAsync(ZoomError error, CancellationToken ct)
        {
            LogZoomFailed(logger, _s.Id, error.Kind, error.ZoomCode);
            switch (error.Kind)
            {
                case ZoomErrorKind.ReauthorizationRequired:
                    var status = await db.VideoLinkages.Where(l => l.CompanyId == _s.CompanyId && l.Provider == VideoProvider.Zoom).Select(l => (LinkageStatus?)l.Status).FirstOrDefaultAsync(ct);
                    if (status == LinkageStatus.Linked) Retry("Transient", countsAttempt: true);
                    else Block(status == LinkageStatus.ReauthorizationRequired ? "ReauthorizationRequired" : "NotLinked");
                    break;
                case ZoomErrorKind.DailyLimitReached:
                    WaitForQuota(ResumesAt(error));
                    break;
                case ZoomErrorKind.RateLimited:
                    Retry("RateLimited", countsAttempt: false, error.RetryAfter ?? TimeSpan.FromSeconds(1));
                    break;
                case ZoomErrorKind.Transient or ZoomErrorKind.OutcomeUnknown or ZoomErrorKind.InvalidResponse:
                    Retry(error.Kind.ToString(), countsAttempt: true);
                    break;
                case var _ when _s.Deleted:
                    Retry(error.Kind + (error.ZoomCode is { } gone ? $" ({gone})" : ""), countsAttempt: true);
                    break;
                default:
                    // Unauthorized, Forbidden, NotFound (e.g. the host left the account), BadRequest: a person must act.
                    _s.Meeting.State = MeetingState.Failed;
                    _s.Meeting.Attempts++;
                    // 1001 user does not exist, 3161 user not active: said plainly, with what to do.
                    _s.Meeting.LastError = error.ZoomCode is 1001 or 3161 ? await HostGoneReasonAsync(ct)
                        : error.Kind + (error.ZoomCode is { } code ? $" ({code})" : "") + ": " + Truncate(error.Message, 300);
                    _s.Meeting.NextAttemptAtUtc = null;
                    break;
            }
        }

        /// <summary>
        /// Zoom no longer knows the host. A single host: pick another user (<see cref="MeetingPlan.HostGone"/>). A pool (or
        /// 面接官) 日程 whose host the <c>user.deactivated</c> / <c>user.deleted</c> webhook already took out of the account was
        /// left without a free host there: it keeps <see cref="MeetingPlan.NoFreeHost"/> (free or add a host, then 「再試行」).
        /// Before that webhook HostGone stands, so that its handling finds the 日程 newly stuck and tells the booked applicants.
        /// </summary>
        private async Task<string> HostGoneReasonAsync(CancellationToken ct)
        {
            if (!_pooled || _s.Meeting.Host is not { } host) return MeetingPlan.HostGone;
            var companyId = _s.CompanyId;
            var stillListed = await db.ExternalVideoUsers.AnyAsync(u => u.CompanyId == companyId && u.ExternalUserId == host, ct);
            return stillListed ? MeetingPlan.HostGone : MeetingPlan.NoFreeHost;
        }

        private DateTime ResumesAt(ZoomError error) => error.ResumesAtUtc?.UtcDateTime ?? Now.Date.AddDays(1);

        private void WaitForQuota(DateTime resumesAtUtc)
        {
            _s.Meeting.State = MeetingState.Waiting;
            _s.Meeting.LastError = "DailyLimitReached";
            _s.Meeting.NextAttemptAtUtc = resumesAtUtc;
        }

        /// <summary>
        /// Takes one of the host's daily calls before sending (shared by every node and every call in flight); none left,
        /// or Zoom already said the limit is reached: the row waits for the reset without asking Zoom.
        /// </summary>
        private async Task<bool> ReserveQuotaAsync(string? host, CancellationToken ct)
        {
            if (host is null) return true;
            if (await HostQuota.TryReserveAsync(Scopes, _s.CompanyId, host, Now, options.DailyHostLimit, ct)) return true;
            WaitForQuota(await HostQuota.LimitedUntilAsync(db, _s.CompanyId, host, Now, ct) ?? Now.Date.AddDays(1));
            return false;
        }

        private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

        private IServiceScopeFactory Scopes => services.GetRequiredService<IServiceScopeFactory>();

        /// <summary>Zoom did not count a per-second 429: the call is given back; its daily-limit answer is recorded for every node.</summary>
        private async Task SettleQuotaAsync(string? host, ZoomError? error, CancellationToken ct)
        {
            if (host is null) return;
            if (error?.Kind is ZoomErrorKind.RateLimited)
                await HostQuota.ReleaseAsync(Scopes, _s.CompanyId, host, Now, ct);
            else if (error?.Kind is ZoomErrorKind.DailyLimitReached)
                await HostQuota.RecordLimitAsync(Scopes, _s.CompanyId, host, Now, ResumesAt(error), ct);
        }

        /// <summary>Writes the outcome; on a concurrent edit keeps the edit and re-applies only the facts about Zoom.</summary>
        private async Task PersistAsync(CancellationToken ct)
        {
            var facts = Facts.Of(_s);
            _s.Meeting.ClaimedBy = null;
            _s.Meeting.ClaimedUntilUtc = null;
            if (_s.Deleted && _s.Meeting.ZoomId is null && !_s.Meeting.ReconcileFirst && _s.Meeting.State == MeetingState.None)
                db.Schedules.Remove(_s); // the tombstone has done its job
            // A 面接官 invited while the meeting was moving (no URL) or before it moved (the old one) gets the current URL: the
            // calendar worker mails it once (its digest holds the URL). The mark and the version raise commit with the outcome,
            // so a calendar round that read the 日程 before cannot clear the mark.
            // Half way through a move (old meeting deleted, new one not yet created) is not worth a mail of its own.
            var calendarsFollow = !_s.Deleted && _s.Meeting.JoinUrl != _joinUrlBefore
                && (_s.Meeting.JoinUrl is not null || _s.Meeting.State is MeetingState.None or MeetingState.Failed)
                && await db.InterviewerInvitations.AnyAsync(i => i.ScheduleId == _s.Id && i.Active, ct);

            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await using (var tx = calendarsFollow ? await db.Database.BeginTransactionAsync(ct) : null)
                    {
                        if (calendarsFollow)
                        {
                            _s.InterviewersDue = true;
                            await db.Schedules.Where(x => x.Id == _s.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.BookingsVersion, v => v.BookingsVersion + 1), ct);
                        }
                        await db.SaveChangesAsync(ct);
                        if (tx is not null) await tx.CommitAsync(ct);
                    }
                    if (calendarsFollow) services.GetService<Interviews.InterviewerCalendarSignal>()?.Poke();
                    return;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 5)
                {
                    // The row is three entries (the schedule and its owned meeting and attendance): all take the database's values.
                    foreach (var entry in new[] { db.Entry<object>(_s), db.Entry<object>(_s.Meeting), db.Entry<object>(_s.Attendance) })
                    {
                        var values = await entry.GetDatabaseValuesAsync(ct);
                        if (values is null) return; // removed meanwhile
                        entry.OriginalValues.SetValues(values);
                        entry.CurrentValues.SetValues(values);
                        entry.State = EntityState.Unchanged;
                    }
                    facts.ApplyTo(_s);
                    _s.Meeting.ClaimedBy = null;
                    _s.Meeting.ClaimedUntilUtc = null;
                }
            }
        }
    }

    /// <summary>What is true at Zoom, kept across a concurrent edit.</summary>
    private sealed record Facts(long? MeetingId, string? Uuid, string? JoinUrl, string? Passcode, string? Host, string? Tag, bool ReconcileFirst, DateTime? IssuedAt, DateTime? DeletedOnZoom)
    {
        public static Facts Of(Schedule s) =>
            new(s.Meeting.ZoomId, s.Meeting.ZoomUuid, s.Meeting.JoinUrl, s.Meeting.ProtectedPasscode, s.Meeting.Host, s.Meeting.ReconciliationTag, s.Meeting.ReconcileFirst, s.Meeting.IssuedAtUtc, s.Meeting.DeletedOnZoomAtUtc);

        public void ApplyTo(Schedule s)
        {
            s.Meeting.ZoomId = MeetingId;
            s.Meeting.ZoomUuid = Uuid;
            s.Meeting.JoinUrl = JoinUrl;
            s.Meeting.ProtectedPasscode = Passcode;
            s.Meeting.Host = Host;
            s.Meeting.ReconciliationTag = Tag;
            s.Meeting.ReconcileFirst = ReconcileFirst;
            s.Meeting.IssuedAtUtc = IssuedAt;
            s.Meeting.DeletedOnZoomAtUtc = DeletedOnZoom;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Meeting sync of schedule {ScheduleId} failed unexpectedly")]
    private static partial void LogSyncCrashed(ILogger logger, Exception ex, Guid scheduleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId}: Zoom meeting {MeetingId} issued")]
    private static partial void LogIssued(ILogger logger, Guid scheduleId, long meetingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId}: adopted Zoom meeting {MeetingId} from a create whose response was lost")]
    private static partial void LogAdopted(ILogger logger, Guid scheduleId, long meetingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId}: Zoom meeting {MeetingId} deleted (already gone: {AlreadyGone})")]
    private static partial void LogDeleted(ILogger logger, Guid scheduleId, long meetingId, bool alreadyGone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: Zoom call failed: {Kind} {ZoomCode}")]
    private static partial void LogZoomFailed(ILogger logger, Guid scheduleId, ZoomErrorKind kind, int? zoomCode);
}
