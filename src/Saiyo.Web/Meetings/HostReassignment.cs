using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Integrations;

namespace Saiyo.Web.Meetings;

/// <summary>
/// Zoom's <c>user.deactivated</c> / <c>user.deleted</c>: the user leaves 「Zoomユーザ選択」 and the ホストプール, and the
/// coming 日程 it hosts from a pool (or as a 面接官's user) move to another free host of their pool (or 面接官; none: 発行失敗) (each with one mail to its booked applicants
/// about the new link); the meeting worker deletes the old meeting and creates the new one. 日程 that find no free host
/// stay where they are and are named in 連携の操作履歴. The coming 日程 of イベント whose one host it was have no other user to
/// go to: they show 発行失敗 (<c>HostGone</c>, saying to pick another user in 予約動作設定, which issues them again).
/// Idempotent: a repeated delivery finds nothing left on the user.
/// </summary>
public sealed partial class HostReassignment(
    SaiyoDbContext db, MeetingSyncSignal signal, Applicants.BookingNotices notices, IOptionsMonitor<MeetingSyncOptions> options, TimeProvider time,
    Interviews.InterviewerInvitations invitations, ILogger<HostReassignment> logger)
{
    public async Task<int> HandleUserGoneAsync(string? accountId, string userId, bool deleted, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(accountId)) return 0;
        var link = await db.VideoLinkages.AsNoTracking().FirstOrDefaultAsync(l => l.Provider == VideoProvider.Zoom && l.ExternalAccountId == accountId, ct);
        if (link is null) return 0;
        var companyId = link.CompanyId;
        var now = time.GetUtcNow().UtcDateTime;

        // No longer offered, and no longer a free host for any pool.
        await db.ExternalVideoUsers.Where(u => u.LinkageId == link.Id && u.ExternalUserId == userId).ExecuteDeleteAsync(ct);

        var moved = 0;
        var newInterviewer = new List<Guid>();
        var events = await (
                from s in db.Schedules
                join e in db.InterviewEvents on s.EventId equals e.Id
                where s.CompanyId == companyId && e.HostMode != HostMode.SingleUser && s.PoolHostExternalUserId == userId && !s.Deleted && s.StartUtc > now
                select e.Id)
            .Distinct().ToListAsync(ct);
        var stuck = new List<string>();
        foreach (var eventId in events)
        {
            for (var attempt = 0; ; attempt++)
            {
                db.ChangeTracker.Clear();
                try
                {
                    var (count, refusals, interviewerChanged) = await MoveAsync(companyId, eventId, userId, now, ct);
                    moved += count;
                    newInterviewer.AddRange(interviewerChanged);
                    if (refusals is not null) stuck.AddRange(refusals.Select(r => $"{r.StartUtc:yyyy-MM-dd HH:mm}Z {r.Reason}"));
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 5)
                {
                    // The worker or a webhook bumped one of these 日程 meanwhile: plan again from what is saved now.
                }
            }
        }
        db.ChangeTracker.Clear();
        // A single host: nothing to move to. The worker leaves Failed rows alone until the recruiter picks another user.
        var failed = await db.Schedules
            .Where(s => s.CompanyId == companyId && !s.Deleted && s.StartUtc > now && (s.Shown || s.BookedCount > 0 || s.Meeting.ZoomId != null)
                        && db.InterviewEvents.Any(e => e.Id == s.EventId && e.VideoProvider == VideoProvider.Zoom && e.HostMode == HostMode.SingleUser && e.HostExternalUserId == userId))
            .ExecuteUpdateAsync(x => x.SetProperty(s => s.Meeting.State, MeetingState.Failed).SetProperty(s => s.Meeting.LastError, MeetingPlan.HostGone)
                .SetProperty(s => s.Meeting.NextAttemptAtUtc, (DateTime?)null), ct);
        AuditLog.Add(db, time, companyId, null, "Zoom", deleted ? AuditActions.ZoomUserDeleted : AuditActions.ZoomUserDeactivated,
            $"{userId}: {moved} moved" + (stuck.Count > 0 ? "; no free host: " + string.Join(", ", stuck.Take(20)) : "") + (failed > 0 ? $"; {failed} failed (its events' host)" : ""), null);
        await db.SaveChangesAsync(ct);
        LogUserGone(logger, userId, deleted, moved, stuck.Count, failed);
        if (moved > 0) signal.Poke();
        // 面接官 host mode: a 日程 now hosted by another 面接官's user has that 面接官 as interviewer: calendars follow.
        if (newInterviewer.Count > 0) await invitations.BookingsChangedAsync(newInterviewer, ct);
        return moved;
    }

    /// <summary>Moves the event's coming 日程 off <paramref name="userId"/> in one save; the refusals when some find no free host.</summary>
    private async Task<(int Moved, List<PoolRefusalRow>? Refusals, List<Guid> InterviewerChanged)> MoveAsync(Guid companyId, Guid eventId, string userId, DateTime now, CancellationToken ct)
    {
        var ev = await db.InterviewEvents.AsNoTracking().FirstAsync(e => e.Id == eventId, ct);
        var batch = await db.Schedules.Where(s => s.EventId == eventId && s.CompanyId == companyId && s.PoolHostExternalUserId == userId && !s.Deleted && s.StartUtc > now)
            .ToListAsync(ct);
        var interviewerBefore = batch.ToDictionary(s => s.Id, s => s.HostInterviewerId);
        // Booked applicants get one mail with the new link (saved with the move; dropped with it when there is no free host).
        await notices.RecordAsync(companyId, [.. batch.Where(s => s.BookedCount > 0).Select(s => s.Id)], Applicants.StaffChange.HostChanged, ct);
        var refusals = await HostAssignment.SaveAsync(db, ev, batch, now, options.CurrentValue.DailyHostLimit, () =>
        {
            foreach (var s in batch) MeetingPlan.Touch(db, s, ev, now);
        }, ct, avoidHost: userId);
        return refusals is null ? (batch.Count, null, [.. batch.Where(s => s.HostInterviewerId != interviewerBefore[s.Id]).Select(s => s.Id)]) : (0, refusals, []);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoom user {UserId} gone (deleted: {Deleted}): {Moved} pool schedules moved to other hosts, {Stuck} without a free host, {Failed} of events it hosted alone failed")]
    private static partial void LogUserGone(ILogger logger, string userId, bool deleted, int moved, int stuck, int failed);
}
