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
        var schedules = await db.Schedules.AsNoTracking().Where(s => s.CompanyId == companyId && s.ZoomMeetingId == meetingId && !s.Deleted && (s.Shown || s.BookedCount > 0)).ToListAsync(ct);
        foreach (var s in schedules)
        {
            var ev = await db.InterviewEvents.AsNoTracking().FirstAsync(e => e.Id == s.EventId, ct);
            if (!MeetingPlan.KeepsMeeting(s, ev) || s.HostOfMeeting != MeetingPlan.HostOf(s, ev)) continue; // Saiyo is removing it itself
            // Conditional on the row still holding this meeting: the worker may have replaced it meanwhile. Bumping the
            // wanted version makes an in-flight worker keep only its facts and look again. Its applicants get one mail
            // about the new link (BookingNotices), recorded in the same transaction.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var bumped = await db.Schedules.Where(x => x.Id == s.Id && x.ZoomMeetingId == meetingId && !x.Deleted && (x.Shown || x.BookedCount > 0))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.ZoomMeetingId, (long?)null)
                    .SetProperty(x => x.ZoomMeetingUuid, (string?)null)
                    .SetProperty(x => x.JoinUrl, (string?)null)
                    .SetProperty(x => x.ProtectedPasscode, (string?)null)
                    .SetProperty(x => x.IssuedAtUtc, (DateTime?)null)
                    .SetProperty(x => x.DeletedOnZoomAtUtc, now)
                    .SetProperty(x => x.WantedVersion, x => x.WantedVersion + 1)
                    .SetProperty(x => x.MeetingState, MeetingState.Pending)
                    .SetProperty(x => x.NextAttemptAtUtc, now)
                    .SetProperty(x => x.Attempts, 0)
                    .SetProperty(x => x.LastError, (string?)null), ct);
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
        var schedules = db.Schedules.Where(s => s.CompanyId == companyId && s.ZoomMeetingId == meetingId && !s.Deleted);
        // The same instance again (a retried delivery) is left alone; a new instance (the host started it again) is taken again.
        schedules = uuid is null
            ? schedules.Where(s => s.MeetingEndedAtUtc == null)
            : schedules.Where(s => s.MeetingEndedAtUtc == null || s.ZoomMeetingUuid == null || s.ZoomMeetingUuid != uuid);
        // The event's UUID is the ended instance's: a meeting started again gets a new one, and its participants are under it.
        return await schedules.ExecuteUpdateAsync(u => u
            .SetProperty(x => x.MeetingEndedAtUtc, ended)
            .SetProperty(x => x.ZoomMeetingUuid, x => uuid ?? x.ZoomMeetingUuid)
            .SetProperty(x => x.AttendanceState, AttendanceSyncState.Due)
            .SetProperty(x => x.AttendanceNextAttemptAtUtc, due)
            .SetProperty(x => x.AttendanceAttempts, 0)
            .SetProperty(x => x.AttendanceError, (string?)null), ct);
    }

    private async Task<Guid?> CompanyOfAsync(string? accountId, CancellationToken ct) =>
        string.IsNullOrEmpty(accountId)
            ? null
            : await db.VideoLinkages.Where(l => l.Provider == VideoProvider.Zoom && l.ExternalAccountId == accountId)
                .Select(l => (Guid?)l.CompanyId).FirstOrDefaultAsync(ct);
}
