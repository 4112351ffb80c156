using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Integrations;

namespace Saiyo.Web.Meetings;

/// <summary>
/// Zoom's <c>user.deactivated</c> / <c>user.deleted</c>: the user leaves 「Zoomユーザ選択」 and the ホストプール, and each coming
/// 日程 it hosts from a pool (or as a 面接官's user) moves to another free host of its pool (or 面接官), with one mail to its
/// booked applicants about the new link; the meeting worker deletes the old meeting and creates the new one. A 日程 that
/// finds no free host does not hold the others back: it shows 発行失敗 (<c>NoFreeHost</c>, saying what the team can do), its
/// booked applicants keep their booking and are told at once that the old link is gone and the new one follows; 「再試行」
/// or saving 予約動作設定 with a free host issues it again, and their one mail then carries the link. The coming 日程 of
/// イベント whose one host it was have no other user to go to: they show 発行失敗 (<c>HostGone</c>, saying to pick another
/// user in 予約動作設定, which issues them again). Idempotent: a repeated delivery moves what can move now and mails nobody twice.
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
        // Out of every ホストプール too, so that saving 予約動作設定 plans the 日程 still on it again (onto a host added meanwhile).
        await db.EventPoolHosts.Where(p => p.CompanyId == companyId && p.ExternalUserId == userId).ExecuteDeleteAsync(ct);

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
                    if (await MoveAsync(companyId, eventId, userId, now, ct) is not var (count, refusals, interviewerChanged))
                    {
                        if (attempt < 5) continue; // another node took a chosen host's time: plan again from what it saved
                        break;
                    }
                    moved += count;
                    newInterviewer.AddRange(interviewerChanged);
                    stuck.AddRange(refusals.Select(r => $"{r.StartUtc:yyyy-MM-dd HH:mm}Z {r.Reason}"));
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

    /// <summary>
    /// Moves the event's coming 日程 off <paramref name="userId"/> in one save: those with a free host to it, the others to
    /// 発行失敗 (<see cref="MeetingPlan.NoFreeHost"/>). Null when another node took a chosen host's time meanwhile (plan again).
    /// </summary>
    private async Task<(int Moved, List<PoolRefusalRow> Stuck, List<Guid> InterviewerChanged)?> MoveAsync(Guid companyId, Guid eventId, string userId, DateTime now, CancellationToken ct)
    {
        var ev = await db.InterviewEvents.AsNoTracking().FirstAsync(e => e.Id == eventId, ct);
        var all = await db.Schedules.Where(s => s.EventId == eventId && s.CompanyId == companyId && s.PoolHostExternalUserId == userId && !s.Deleted && s.StartUtc > now)
            .ToListAsync(ct);
        var limit = options.CurrentValue.DailyHostLimit;
        // One refusal refuses a whole batch: the 日程 without a free host are set aside until the rest can all move.
        var batch = all.ToList();
        var stuck = new List<PoolRefusalRow>();
        for (List<PoolRefusalRow> refused; (refused = await HostAssignment.AssignAsync(db, ev, batch, now, limit, ct, avoidHost: userId, apply: false)).Count > 0;)
        {
            stuck.AddRange(refused);
            batch.RemoveAll(s => refused.Any(r => r.ScheduleId == s.Id));
        }
        // Told once: a repeated delivery finds them failed already (their applicants heard), and leaves them so.
        var newlyStuck = all.Except(batch).Where(s => !(s.Meeting.State == MeetingState.Failed && s.Meeting.LastError == MeetingPlan.NoFreeHost)).ToList();
        foreach (var s in newlyStuck) MeetingPlan.Fail(s, MeetingPlan.NoFreeHost);
        await notices.RecordAsync(companyId, [.. newlyStuck.Where(s => s.BookedCount > 0).Select(s => s.Id)], Applicants.StaffChange.HostLost, ct);

        var interviewerBefore = batch.ToDictionary(s => s.Id, s => s.HostInterviewerId);
        // Booked applicants get one mail with the new link (面接官 host mode without a 面接官's user: that it follows).
        await notices.RecordAsync(companyId, [.. batch.Where(s => s.BookedCount > 0).Select(s => s.Id)], Applicants.StaffChange.HostChanged, ct);
        var refusals = await HostAssignment.SaveAsync(db, ev, batch, now, limit, () =>
        {
            foreach (var s in batch) MeetingPlan.Touch(db, s, ev, now);
        }, ct, avoidHost: userId);
        if (refusals is not null) return null;
        return (batch.Count, stuck, [.. batch.Where(s => s.HostInterviewerId != interviewerBefore[s.Id]).Select(s => s.Id)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoom user {UserId} gone (deleted: {Deleted}): {Moved} pool schedules moved to other hosts, {Stuck} without a free host, {Failed} of events it hosted alone failed")]
    private static partial void LogUserGone(ILogger logger, string userId, bool deleted, int moved, int stuck, int failed);
}
