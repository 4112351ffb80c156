using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Meetings;

/// <summary>
/// Zoom's <c>meeting.deleted</c>: someone deleted a schedule's meeting on Zoom's side. The row records it
/// (shown on 日程設定) and, while the schedule is still shown and in the future, the meeting is issued again
/// automatically: a shown schedule is bookable, so it must have a meeting. Deliveries for meetings Saiyo itself
/// removed (hidden, deleted, moving to a new host) are ignored.
/// Zoom's <c>meeting.ended</c>: the schedule records the ended instance and becomes due for taking attendance
/// (<see cref="AttendanceWorker"/> reads the participants later; nothing calls Zoom here).
/// Both are idempotent (Zoom retries deliveries) and only touch the company linked to the event's account.
/// </summary>
public sealed class MeetingWebhookHandler(
    SaiyoDbContext db, MeetingSyncSignal signal, IOptionsMonitor<AttendanceOptions> attendance, Applicants.BookingNotices notices, TimeProvider time)
{
    public async Task<int> HandleDeletedAsync(string? accountId, long meetingId, CancellationToken ct)
    {
        var companyId = await CompanyOfAsync(accountId, ct);
        if (companyId is null) return 0;

        var touched = 0;
        var now = time.GetUtcNow().UtcDateTime;
        // Shown, or hidden with bookings: both keep their meeting (MeetingPlan.KeepsMeeting).
        var schedules = await db.Schedules.AsNoTracking().Where(s => s.CompanyId == companyId && s.Meeting.ZoomId == meetingId && !s.Deleted && (s.Shown || s.BookedCount > 0)).ToListAsync(ct);
        foreach (var s in schedules)
        {
            var ev = await db.InterviewEvents.AsNoTracking().FirstAsync(e => e.Id == s.EventId, ct);
            if (!MeetingPlan.KeepsMeeting(s, ev) || s.Meeting.Host != MeetingPlan.HostOf(s, ev)) continue; // Saiyo is removing it itself
            // Conditional on the row still holding this meeting: the worker may have replaced it meanwhile. Bumping the
            // wanted version makes an in-flight worker keep only its facts and look again. Its applicants get one mail
            // about the new link (BookingNotices), recorded in the same transaction.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var bumped = await db.Schedules.Where(x => x.Id == s.Id && x.Meeting.ZoomId == meetingId && !x.Deleted && (x.Shown || x.BookedCount > 0))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.Meeting.ZoomId, (long?)null)
                    .SetProperty(x => x.Meeting.ZoomUuid, (string?)null)
                    .SetProperty(x => x.Meeting.JoinUrl, (string?)null)
                    .SetProperty(x => x.Meeting.ProtectedPasscode, (string?)null)
                    .SetProperty(x => x.Meeting.IssuedAtUtc, (DateTime?)null)
                    .SetProperty(x => x.Meeting.DeletedOnZoomAtUtc, now)
                    .SetProperty(x => x.Meeting.WantedVersion, x => x.Meeting.WantedVersion + 1)
                    .SetProperty(x => x.Meeting.State, MeetingState.Pending)
                    .SetProperty(x => x.Meeting.NextAttemptAtUtc, now)
                    .SetProperty(x => x.Meeting.Attempts, 0)
                    .SetProperty(x => x.Meeting.LastError, (string?)null), ct);
            if (bumped > 0 && s.StartUtc > now)
            {
                await notices.RecordAsync(s.CompanyId, [s.Id], Applicants.StaffChange.Reissued, ct);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await tx.CommitAsync(ct);
            touched += bumped;
        }
        if (touched > 0) signal.Poke();
        return touched;
    }

    /// <summary>Marks the schedules holding the meeting as due for attendance; a repeated delivery of the same instance changes nothing.</summary>
    public async Task<int> HandleEndedAsync(string? accountId, long meetingId, string? instanceUuid, DateTimeOffset? endedAt, CancellationToken ct)
    {
        var companyId = await CompanyOfAsync(accountId, ct);
        if (companyId is null) return 0;

        var now = time.GetUtcNow().UtcDateTime;
        var ended = endedAt?.UtcDateTime ?? now;
        var due = now + attendance.CurrentValue.FirstAttemptDelay;
        var uuid = string.IsNullOrEmpty(instanceUuid) ? null : instanceUuid;
        var schedules = db.Schedules.Where(s => s.CompanyId == companyId && s.Meeting.ZoomId == meetingId && !s.Deleted);
        // The same instance again (a retried delivery) is left alone; a new instance (the host started it again) is taken again.
        schedules = uuid is null
            ? schedules.Where(s => s.Attendance.MeetingEndedAtUtc == null)
            : schedules.Where(s => s.Attendance.MeetingEndedAtUtc == null || s.Meeting.ZoomUuid == null || s.Meeting.ZoomUuid != uuid);
        // The event's UUID is the ended instance's: a meeting started again gets a new one, and its participants are under it.
        return await schedules.ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Attendance.MeetingEndedAtUtc, ended)
            .SetProperty(x => x.Meeting.ZoomUuid, x => uuid ?? x.Meeting.ZoomUuid)
            .SetProperty(x => x.Attendance.State, AttendanceSyncState.Due)
            .SetProperty(x => x.Attendance.NextAttemptAtUtc, due)
            .SetProperty(x => x.Attendance.Attempts, 0)
            .SetProperty(x => x.Attendance.Error, (string?)null), ct);
    }

    private async Task<Guid?> CompanyOfAsync(string? accountId, CancellationToken ct) =>
        string.IsNullOrEmpty(accountId)
            ? null
            : await db.VideoLinkages.Where(l => l.Provider == VideoProvider.Zoom && l.ExternalAccountId == accountId)
                .Select(l => (Guid?)l.CompanyId).FirstOrDefaultAsync(ct);
}
