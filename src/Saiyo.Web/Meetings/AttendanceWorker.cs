using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Hosting;
using Saiyo.Zoom;

namespace Saiyo.Web.Meetings;

/// <summary>
/// Takes attendance from Zoom after a meeting ended: reads the instance's past participants and marks each active
/// 予約 出席 (matched by registrant ID, then e-mail) or 欠席. Staff marks are never overwritten. Runs on every node:
/// a schedule is claimed with a conditional UPDATE, and the outcome is written only if the schedule still waits for
/// the instance that was read (a later <c>meeting.ended</c> makes it due again).
/// </summary>
public sealed partial class AttendanceWorker(
    IServiceScopeFactory scopes, IOptionsMonitor<AttendanceOptions> options, AttendanceSignal signal, TimeProvider time, ILogger<AttendanceWorker> logger)
    : ClaimingWorker<Schedule>(scopes, time, logger, signal)
{
    protected override ClaimLoop Loop => new(options.CurrentValue.PollInterval, options.CurrentValue.ClaimDuration, options.CurrentValue.Enabled);

    protected override Expression<Func<Schedule, DateTime?>> ClaimedUntil => s => s.Attendance.ClaimedUntilUtc;

    protected override IQueryable<Schedule> Due(SaiyoDbContext db, DateTime now) =>
        db.Schedules.Where(s => s.Attendance.State == AttendanceSyncState.Due && s.Attendance.NextAttemptAtUtc <= now);

    protected override IQueryable<Schedule> InOrder(IQueryable<Schedule> due, SaiyoDbContext db) => due.OrderBy(s => s.Attendance.NextAttemptAtUtc);

    protected override async Task WorkAsync(IServiceProvider services, SaiyoDbContext db, Guid id, CancellationToken ct)
    {
        var schedule = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null) return; // removed meanwhile
        try
        {
            await TakeAsync(services, db, schedule, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTakeCrashed(logger, ex, schedule.Id);
            db.ChangeTracker.Clear();
            await RetryAsync(db, schedule, "Unexpected", countsAttempt: true, after: null, ct);
        }
    }

    private async Task TakeAsync(IServiceProvider services, SaiyoDbContext db, Schedule s, CancellationToken ct)
    {
        if (s.Meeting.ZoomId is not { } meetingId)
        {
            await FailAsync(db, s, "NoMeeting", ct);
            return;
        }
        var link = await db.VideoLinkages.AsNoTracking().FirstOrDefaultAsync(l => l.CompanyId == s.CompanyId && l.Provider == VideoProvider.Zoom, ct);
        if (link is not { Status: LinkageStatus.Linked })
        {
            await FailAsync(db, s, link?.Status == LinkageStatus.ReauthorizationRequired ? "ReauthorizationRequired" : "NotLinked", ct);
            return;
        }

        // The instance meeting.ended named; without one (taken by hand, webhook missed) the meeting ID gives Zoom's latest instance.
        var instance = s.Attendance.MeetingEndedAtUtc is not null && !string.IsNullOrEmpty(s.Meeting.ZoomUuid)
            ? s.Meeting.ZoomUuid
            : meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var api = services.GetRequiredService<IZoomApiClient>();
        var result = await api.ListPastParticipantsAsync(link.Id.ToString(), instance, ct);
        if (!result.IsSuccess)
        {
            var error = result.Error;
            LogZoomFailed(logger, s.Id, error.Kind, error.ZoomCode);
            switch (error.Kind)
            {
                case ZoomErrorKind.RateLimited:
                    await RetryAsync(db, s, "RateLimited", countsAttempt: false, error.RetryAfter ?? TimeSpan.FromSeconds(1), ct);
                    break;
                // NotFound (3001) right after the end usually means Zoom's list is not there yet: worth waiting for.
                case ZoomErrorKind.Transient or ZoomErrorKind.OutcomeUnknown or ZoomErrorKind.InvalidResponse or ZoomErrorKind.NotFound:
                    await RetryAsync(db, s, error.Kind == ZoomErrorKind.NotFound ? "NotFound" : "Transient", countsAttempt: true, after: null, ct);
                    break;
                case ZoomErrorKind.ReauthorizationRequired:
                    await FailAsync(db, s, "ReauthorizationRequired", ct);
                    break;
                default:
                    await FailAsync(db, s, error.Kind + (error.ZoomCode is { } code ? $" ({code})" : "") + ": " + Truncate(error.Message, 300), ct);
                    break;
            }
            return;
        }

        // Zoom lists nobody for a meeting with fewer than two participants: whether the one was the applicant is unknown.
        if (result.Value.Count == 0)
        {
            await FailAsync(db, s, "NoParticipants", ct);
            return;
        }

        // A participant appears once per join (rejoins repeat); e-mail is often empty for people outside the host's account.
        var registrants = result.Value.Select(p => p.RegistrantId).Where(r => !string.IsNullOrEmpty(r)).ToHashSet(StringComparer.Ordinal);
        var emails = result.Value.Select(p => p.UserEmail?.Trim()).Where(e => !string.IsNullOrEmpty(e)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var bookings = await (
            from b in db.Bookings.AsNoTracking()
            join a in db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where b.ScheduleId == s.Id && b.CompanyId == s.CompanyId && b.State == BookingState.Active
            select new { b.Id, b.RegistrantId, a.Email }).ToListAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var attended = 0;
        foreach (var b in bookings)
        {
            var present = (!string.IsNullOrEmpty(b.RegistrantId) && registrants.Contains(b.RegistrantId)) || emails.Contains(b.Email.Trim());
            attended += present ? 1 : 0;
            var row = db.Bookings.Where(x => x.Id == b.Id && x.AttendanceSource != AttendanceSource.Staff);
            // A later instance (the host started the meeting again) does not undo attendance taken from an earlier one.
            if (!present) row = row.Where(x => !(x.AttendanceSource == AttendanceSource.Zoom && x.Attendance == Attendance.Attended));
            var mark = present ? Attendance.Attended : Attendance.Absent;
            await row.ExecuteUpdateAsync(u => u.SetProperty(x => x.Attendance, mark).SetProperty(x => x.AttendanceSource, AttendanceSource.Zoom), ct);
        }
        var settled = await Unchanged(db, s).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Attendance.State, AttendanceSyncState.Taken)
            .SetProperty(x => x.Attendance.Error, (string?)null)
            .SetProperty(x => x.Attendance.NextAttemptAtUtc, (DateTime?)null)
            .SetProperty(x => x.Attendance.ClaimedUntilUtc, (DateTime?)null), ct);
        if (settled == 0)
        {
            // Another instance ended meanwhile: leave it due for that one.
            await tx.RollbackAsync(ct);
            await ReleaseAsync(db, s, ct);
            return;
        }
        await tx.CommitAsync(ct);
        LogTaken(logger, s.Id, result.Value.Count, attended, bookings.Count);
    }

    /// <summary>The schedule as it was claimed: still due for the same instance.</summary>
    private static IQueryable<Schedule> Unchanged(SaiyoDbContext db, Schedule s)
    {
        var uuid = s.Meeting.ZoomUuid;
        var ended = s.Attendance.MeetingEndedAtUtc;
        return db.Schedules.Where(x => x.Id == s.Id && x.Attendance.State == AttendanceSyncState.Due && x.Meeting.ZoomUuid == uuid && x.Attendance.MeetingEndedAtUtc == ended);
    }

    private async Task RetryAsync(SaiyoDbContext db, Schedule s, string reason, bool countsAttempt, TimeSpan? after, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var attempts = s.Attendance.Attempts + (countsAttempt ? 1 : 0);
        if (attempts >= o.MaxAttempts)
        {
            await FailAsync(db, s, reason, ct, attempts);
            return;
        }
        var backoff = after ?? Backoff.After(attempts, o.BaseBackoff, o.MaxBackoff);
        var next = Time.GetUtcNow().UtcDateTime + backoff;
        var written = await Unchanged(db, s).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Attendance.Attempts, attempts)
            .SetProperty(x => x.Attendance.Error, reason)
            .SetProperty(x => x.Attendance.NextAttemptAtUtc, next)
            .SetProperty(x => x.Attendance.ClaimedUntilUtc, (DateTime?)null), ct);
        if (written == 0) await ReleaseAsync(db, s, ct);
    }

    private async Task FailAsync(SaiyoDbContext db, Schedule s, string reason, CancellationToken ct, int? attempts = null)
    {
        LogGaveUp(logger, s.Id, reason);
        var written = await Unchanged(db, s).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Attendance.State, AttendanceSyncState.Failed)
            .SetProperty(x => x.Attendance.Attempts, attempts ?? s.Attendance.Attempts + 1)
            .SetProperty(x => x.Attendance.Error, Truncate(reason, 500))
            .SetProperty(x => x.Attendance.NextAttemptAtUtc, (DateTime?)null)
            .SetProperty(x => x.Attendance.ClaimedUntilUtc, (DateTime?)null), ct);
        if (written == 0) await ReleaseAsync(db, s, ct);
    }

    private static Task<int> ReleaseAsync(SaiyoDbContext db, Schedule s, CancellationToken ct) =>
        db.Schedules.Where(x => x.Id == s.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Attendance.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Error, Message = "Attendance of schedule {ScheduleId} failed unexpectedly")]
    private static partial void LogTakeCrashed(ILogger logger, Exception ex, Guid scheduleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId}: attendance taken from Zoom ({Participants} participant rows, {Attended} of {Bookings} bookings attended)")]
    private static partial void LogTaken(ILogger logger, Guid scheduleId, int participants, int attended, int bookings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: past participants failed: {Kind} {ZoomCode}")]
    private static partial void LogZoomFailed(ILogger logger, Guid scheduleId, ZoomErrorKind kind, int? zoomCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: attendance from Zoom failed: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, Guid scheduleId, string reason);
}
