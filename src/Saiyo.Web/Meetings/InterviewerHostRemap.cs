using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Integrations;

namespace Saiyo.Web.Meetings;

/// <summary>
/// A staff member's Zoom user changed (an admin picked another user, 「未連携」, or back to the e-mail match): the coming
/// 日程 of 面接官 host mode イベント whose host is no longer one of their 面接官's users (or whose hosting 面接官 is no longer on
/// it) are planned again at once, as <see cref="HostReassignment"/> does for a user Zoom removed: to the 面接官's new user or
/// another free 面接官's (none: no host, 発行失敗 with the reason, but a booked one keeps its meeting where it is); the meeting worker deletes the old meeting and creates the
/// new one; booked applicants get one mail about the new link (<see cref="Applicants.BookingNotices"/> merges changes that
/// come before it is sent); the calendars of a changed hosting 面接官 follow. Past 日程 stay. Idempotent: a 日程 still on one
/// of its 面接官's users is not touched.
/// </summary>
public sealed partial class InterviewerHostRemap(
    SaiyoDbContext db, MeetingSyncSignal signal, Applicants.BookingNotices notices, IOptionsMonitor<MeetingSyncOptions> options, TimeProvider time,
    Interviews.InterviewerInvitations invitations, ILogger<InterviewerHostRemap> logger)
{
    /// <summary>What the replan did: 日程 moved to another user, unbooked ones left without a host (発行失敗), and booked ones
    /// that no 面接官's user can host, kept on their meeting.</summary>
    public sealed record Outcome(int Moved, int WithoutHost, int Kept);

    public const string StaffZoomUserChanged = "linkage.staff_zoom_user_changed";

    /// <param name="staffId">The staff member whose Zoom user changed.</param>
    /// <param name="zoomUser">Their Zoom user now (for 連携の操作履歴), null when 未連携.</param>
    public async Task<Outcome> StaffChangedAsync(Guid companyId, Guid staffId, string staffName, string? zoomUser, (Guid Id, string Name, string? Ip) actor, CancellationToken ct) =>
        await ReplanComingAsync(companyId, staffId, await ComingOfAsync(companyId, staffId, ct), actor, StaffZoomUserChanged,
            new() { ["staff"] = staffName, ["zoomUser"] = zoomUser }, ct);

    public const string StaffDeleted = "linkage.staff_deleted";

    /// <summary>
    /// A staff member was deleted (their 面接官 assignments went with them): the coming 日程 they interviewed or hosted,
    /// read by <see cref="ComingOfAsync"/> before the delete, are planned again at once like a change of their Zoom user —
    /// moved to another 面接官's user, or, booked with none left, kept on their meeting — and 連携の操作履歴 says so.
    /// </summary>
    public async Task<Outcome> StaffDeletedAsync(Guid companyId, Guid staffId, string staffName, List<(Guid Id, Guid EventId)> coming, (Guid Id, string Name, string? Ip) actor, CancellationToken ct) =>
        coming.Count == 0 ? new(0, 0, 0) : await ReplanComingAsync(companyId, staffId, coming, actor, StaffDeleted, new() { ["staff"] = staffName }, ct);

    /// <summary>The coming 日程 of 面接官 host mode イベント that <paramref name="staffId"/> interviews (their own or the イベント's) or hosts.</summary>
    public async Task<List<(Guid Id, Guid EventId)>> ComingOfAsync(Guid companyId, Guid staffId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await (
                from s in db.Schedules
                join e in db.InterviewEvents on s.EventId equals e.Id
                where s.CompanyId == companyId && e.CompanyId == companyId && e.VideoProvider == VideoProvider.Zoom && e.HostMode == HostMode.Interviewer
                      && !s.Deleted && s.StartUtc > now
                      && (s.HostInterviewerId == staffId
                          || db.ScheduleInterviewers.Any(x => x.ScheduleId == s.Id && x.StaffUserId == staffId)
                          || (!db.ScheduleInterviewers.Any(x => x.ScheduleId == s.Id) && db.EventInterviewers.Any(x => x.EventId == e.Id && x.StaffUserId == staffId)))
                select new { s.Id, s.EventId })
            .ToListAsync(ct);
        return [.. rows.Select(x => (x.Id, x.EventId))];
    }

    private async Task<Outcome> ReplanComingAsync(Guid companyId, Guid staffId, List<(Guid Id, Guid EventId)> scheduleIds, (Guid Id, string Name, string? Ip) actor,
        string action, Dictionary<string, string?> audit, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        int moved = 0, withoutHost = 0, kept = 0;
        var interviewerChanged = new List<Guid>();
        foreach (var group in scheduleIds.GroupBy(x => x.EventId))
        {
            for (var attempt = 0; ; attempt++)
            {
                db.ChangeTracker.Clear();
                try
                {
                    var (m, w, k, changed) = await ReplanAsync(companyId, group.Key, [.. group.Select(x => x.Id)], now, ct);
                    moved += m;
                    withoutHost += w;
                    kept += k;
                    interviewerChanged.AddRange(changed);
                    break;
                }
                catch (DbUpdateException) when (attempt < 20)
                {
                    // The worker bumped one of these 日程, or another save took a chosen host's time first: plan again from what is saved.
                }
            }
        }
        db.ChangeTracker.Clear();
        audit["moved"] = moved.ToString(System.Globalization.CultureInfo.InvariantCulture);
        audit["failed"] = withoutHost.ToString(System.Globalization.CultureInfo.InvariantCulture);
        audit["kept"] = kept.ToString(System.Globalization.CultureInfo.InvariantCulture);
        AuditLog.Write(db, time, companyId, actor.Id, actor.Name, action, audit, actor.Ip);
        await db.SaveChangesAsync(ct);
        LogReplanned(logger, staffId, moved, withoutHost, kept);
        if (moved + withoutHost > 0) signal.Poke();
        if (interviewerChanged.Count > 0) await invitations.BookingsChangedAsync(interviewerChanged, ct);
        return new(moved, withoutHost, kept);
    }

    /// <summary>Each staff member's Zoom user among <paramref name="users"/> (null: 未連携), to tell whose changed when the account's users change.</summary>
    public async Task<Dictionary<Guid, string?>> StaffUsersAsync(Guid companyId, IEnumerable<ExternalVideoUser> users, CancellationToken ct)
    {
        var staff = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId)
            .Select(u => new { u.Id, u.Email, u.ZoomUserExternalId, u.ZoomUserSetByAdmin }).ToListAsync(ct);
        var list = users.ToList();
        return staff.ToDictionary(s => s.Id, s => Interviews.InterviewerZoomUsers.Resolve(s.Email, s.ZoomUserExternalId, s.ZoomUserSetByAdmin, list)?.ExternalUserId);
    }

    /// <summary>
    /// The account's users were reloaded: each staff member whose Zoom user is now another one (a new user with their e-mail, or
    /// theirs gone from the account) has their coming 日程 planned again at once, exactly as an admin's edit of their Zoom user.
    /// </summary>
    /// <param name="before">What <see cref="StaffUsersAsync"/> said before the reload.</param>
    public async Task<Outcome> UsersReloadedAsync(Guid companyId, Dictionary<Guid, string?> before, (Guid Id, string Name, string? Ip) actor, CancellationToken ct)
    {
        var users = await Interviews.InterviewerZoomUsers.AccountUsersAsync(db, companyId, ct);
        var after = await StaffUsersAsync(companyId, users, ct);
        var changed = after.Where(x => before.TryGetValue(x.Key, out var was) && was != x.Value).ToList();
        if (changed.Count == 0) return new(0, 0, 0);
        var names = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        int moved = 0, withoutHost = 0, kept = 0;
        foreach (var (staffId, userId) in changed)
        {
            var user = users.FirstOrDefault(u => u.ExternalUserId == userId);
            var o = await StaffChangedAsync(companyId, staffId, names[staffId], user is null ? null : $"{user.DisplayName} ({user.Email})", actor, ct);
            (moved, withoutHost, kept) = (moved + o.Moved, withoutHost + o.WithoutHost, kept + o.Kept);
        }
        return new(moved, withoutHost, kept);
    }

    /// <summary>What staff read after a change that replanned (empty when nothing moved): <paramref name="movedKey"/> names the moved 日程.</summary>
    public static string Describe(Outcome outcome, Microsoft.Extensions.Localization.IStringLocalizer l, string movedKey) =>
        string.Join(" ", new[]
        {
            outcome.Moved > 0 ? l[movedKey, outcome.Moved].Value : null,
            outcome.WithoutHost > 0 ? l["Staff.ZoomUserWithoutHost", outcome.WithoutHost].Value : null,
            outcome.Kept > 0 ? l["Staff.ZoomUserKept", outcome.Kept].Value : null,
        }.OfType<string>());

    /// <summary>Plans the event's affected 日程 again and saves; (moved, without a host, kept, hosting 面接官 changed).</summary>
    private async Task<(int Moved, int WithoutHost, int Kept, List<Guid> InterviewerChanged)> ReplanAsync(Guid companyId, Guid eventId, List<Guid> ids, DateTime now, CancellationToken ct)
    {
        var ev = await db.InterviewEvents.AsNoTracking().FirstAsync(e => e.Id == eventId && e.CompanyId == companyId, ct);
        var all = await db.Schedules.Where(s => ids.Contains(s.Id) && !s.Deleted && s.StartUtc > now).ToListAsync(ct);
        if (all.Count == 0) return (0, 0, 0, []);
        var candidates = await Interviews.InterviewerZoomUsers.CandidatesAsync(db, ev, all, ct);
        // Only what the change concerns: a host no 面接官 of the 日程 has any more, a hosting 面接官 no longer on it, or a 日程
        // without a host that now has a 面接官 with a user.
        var batch = all.Where(s =>
        {
            var c = candidates[s.Id];
            return s.PoolHostExternalUserId is not { } host ? c.Count > 0
                : !c.Any(x => x.Host == host) || (s.HostInterviewerId is { } hi && !c.Any(x => x.Host == host && x.Staff == hi));
        }).ToList();
        if (batch.Count == 0) return (0, 0, 0, []);
        var before = batch.ToDictionary(s => s.Id, s => (Host: s.PoolHostExternalUserId, Interviewer: s.HostInterviewerId));

        // A booked 日程 that no 面接官's user can host keeps its meeting where it is: a mapping change never takes an applicant's
        // meeting (and the URL they were sent) away. Staff are told how many, to review their 面接官.
        var kept = batch.Where(s => s.BookedCount > 0 && s.PoolHostExternalUserId is not null && candidates[s.Id].Count == 0).ToList();
        var stranded = new List<Schedule>();
        var planned = batch.Except(kept).ToList();
        for (var round = 0; ; round++)
        {
            var refusals = await HostAssignment.AssignAsync(db, ev, planned, now, options.CurrentValue.DailyHostLimit, ct);
            if (refusals.Count == 0) break;
            // No free 面接官's user at that time: it cannot stay on a user that is no longer its 面接官's either.
            var refused = planned.Where(s => refusals.Any(r => r.ScheduleId == s.Id)).ToList();
            kept.AddRange(refused.Where(s => s.BookedCount > 0 && s.PoolHostExternalUserId is not null));
            stranded.AddRange(refused.Except(kept));
            planned = [.. planned.Except(refused)];
            if (planned.Count == 0) break;
        }
        foreach (var s in stranded)
        {
            s.PoolHostExternalUserId = null;
            s.HostInterviewerId = null;
        }
        if (stranded.Count > 0) await HostAssignment.ReleaseAsync(db, [.. stranded.Select(s => s.Id)], ct);

        var hostChanged = batch.Where(s => s.PoolHostExternalUserId != before[s.Id].Host).ToList();
        foreach (var s in hostChanged) MeetingPlan.Touch(db, s, ev, now);
        // Booked applicants hear of the new link once it is there; a 日程 left without a host has none to send.
        await notices.RecordAsync(companyId, [.. hostChanged.Where(s => s.BookedCount > 0 && s.PoolHostExternalUserId is not null).Select(s => s.Id)],
            Applicants.StaffChange.HostChanged, ct);
        await db.SaveChangesAsync(ct);
        return (hostChanged.Count(s => s.PoolHostExternalUserId is not null), hostChanged.Count(s => s.PoolHostExternalUserId is null), kept.Count,
            [.. batch.Where(s => s.HostInterviewerId != before[s.Id].Interviewer).Select(s => s.Id)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff {StaffId}'s Zoom user changed: {Moved} coming schedules moved to another user, {WithoutHost} left without a host, {Kept} booked ones kept on their meeting")]
    private static partial void LogReplanned(ILogger logger, Guid staffId, int moved, int withoutHost, int kept);
}
