using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Meetings;

/// <summary>Why a 日程 got no host from the ホストプール.</summary>
public enum PoolRefusal
{
    /// <summary>No user of the pool is in the linked Zoom account.</summary>
    NoHosts,
    /// <summary>Every host of the pool already has as many meetings at that time as it may run at once.</summary>
    AllBusy,
    /// <summary>Hosts are free at that time, but none has daily create/update quota left.</summary>
    NoQuota,
    /// <summary>面接官 host mode: the Zoom user of every 面接官 of the 日程 already hosts another meeting at that time.</summary>
    InterviewersBusy,
    /// <summary>面接官 host mode: the 面接官's Zoom users that are free at that time have no daily quota left.</summary>
    InterviewersNoQuota,
}

/// <summary>A 日程 of the batch that cannot get a host, and why (shown before anything is saved).</summary>
/// <param name="Who">面接官 host mode: the 面接官 whose Zoom users were considered (names).</param>
public sealed record PoolRefusalRow(DateTime StartUtc, DateTime EndUtc, PoolRefusal Reason, string? Who = null)
{
    /// <summary>The refused 日程 (parallel 日程 share their times).</summary>
    public Guid ScheduleId { get; init; }
}

/// <summary>
/// Gives each 日程 of a ホストプール イベント a host that has no other meeting at that time (or fewer than the account's
/// <see cref="VideoLinkage.MeetingsPerHost"/>) and daily quota left, and holds that time in <see cref="HostSlot"/> rows
/// saved with the 日程. In the 面接官 host mode the candidates of each 日程 are its 面接官's Zoom users in name order (the
/// first free one hosts; none mapped leaves the 日程 without a host, shown as 発行失敗); a 日程 that takes the イベント's
/// 面接官 records the one hosting it as its interviewer (<see cref="Schedule.HostInterviewerId"/>). The rows' primary key is the guarantee across nodes: two saves that picked the same host, slice and
/// lane at the same moment cannot both commit; the loser plans again (<see cref="SaveAsync"/>).
/// </summary>
public static class HostAssignment
{
    /// <summary>
    /// Plans hosts for <paramref name="batch"/> (tracked; new or existing 日程 of <paramref name="ev"/>) and, when every one
    /// gets a host, sets <see cref="Schedule.PoolHostExternalUserId"/> and the <see cref="HostSlot"/> rows (saved by the
    /// caller). An existing 日程 keeps its host when it is still free, unless it is <paramref name="avoidHost"/>. With any
    /// refusal, or without <paramref name="apply"/> (a preview), nothing is changed.
    /// </summary>
    public static async Task<List<PoolRefusalRow>> AssignAsync(
        SaiyoDbContext db, InterviewEvent ev, IReadOnlyList<Schedule> batch, DateTime nowUtc, int dailyLimit, CancellationToken ct,
        string? avoidHost = null, bool apply = true, IReadOnlyCollection<string>? members = null)
    {
        var refusals = new List<PoolRefusalRow>();
        if (batch.Count == 0) return refusals;
        var companyId = ev.CompanyId;
        var ids = batch.Select(s => s.Id).ToList();

        // A retry after a lost race starts from what is in the database, not from the plan that lost.
        foreach (var entry in db.ChangeTracker.Entries<HostSlot>().Where(e => ids.Contains(e.Entity.ScheduleId)).ToList())
            entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Unchanged;

        var link = await db.VideoLinkages.AsNoTracking().Where(l => l.CompanyId == companyId && l.Provider == VideoProvider.Zoom)
            .Select(l => new { l.Id, l.MeetingsPerHost }).FirstOrDefaultAsync(ct);
        var perHost = Math.Max(1, link?.MeetingsPerHost ?? 1);
        // The pool as being saved (the イベント's form), else as stored.
        Dictionary<Guid, List<(string Host, string Name, Guid Staff)>>? byInterviewer = null;
        List<string> hosts;
        if (ev.HostMode == HostMode.Interviewer)
        {
            byInterviewer = await Interviews.InterviewerZoomUsers.CandidatesAsync(db, ev, batch, ct);
            foreach (var list in byInterviewer.Values) list.RemoveAll(x => x.Host == avoidHost);
            hosts = [.. byInterviewer.Values.SelectMany(x => x).Select(x => x.Host).Distinct()];
        }
        else
        {
            members ??= await db.EventPoolHosts.AsNoTracking().Where(p => p.EventId == ev.Id && p.CompanyId == companyId).Select(p => p.ExternalUserId).ToListAsync(ct);
            var inAccount = link is null ? [] : await db.ExternalVideoUsers.AsNoTracking().Where(u => u.LinkageId == link.Id && members.Contains(u.ExternalUserId))
                .Select(u => u.ExternalUserId).ToListAsync(ct);
            hosts = members.Where(h => inAccount.Contains(h) && h != avoidHost).Order(StringComparer.Ordinal).ToList();
        }

        var first = HostSlot.Floor(batch.Min(s => s.StartUtc));
        var to = batch.Max(s => s.EndUtc);
        var lanes = new Dictionary<(string Host, DateTime Slice), HashSet<int>>();
        var held = await db.HostSlots.AsNoTracking()
            .Where(x => x.CompanyId == companyId && hosts.Contains(x.HostExternalUserId) && x.SliceUtc >= first && x.SliceUtc < to && !ids.Contains(x.ScheduleId))
            .Select(x => new { x.HostExternalUserId, x.SliceUtc, x.Lane }).ToListAsync(ct);
        foreach (var h in held) Lanes(lanes, h.HostExternalUserId, h.SliceUtc).Add(h.Lane);
        // A pool host may also be another イベント's one host: those meetings take a lane too (no row: that mode only warns).
        var single = await (
                from s in db.Schedules
                join e in db.InterviewEvents on s.EventId equals e.Id
                where s.CompanyId == companyId && e.Id != ev.Id && e.HostMode == HostMode.SingleUser && e.VideoProvider == VideoProvider.Zoom
                      && hosts.Contains(e.HostExternalUserId!) && !s.Deleted && (s.Shown || s.BookedCount > 0) && s.StartUtc < to && s.EndUtc > first
                select new { Host = e.HostExternalUserId!, s.StartUtc, s.EndUtc })
            .ToListAsync(ct);
        foreach (var s in single)
        {
            foreach (var slice in HostSlot.Slices(s.StartUtc, s.EndUtc))
            {
                var taken = Lanes(lanes, s.Host, slice);
                taken.Add(Enumerable.Range(0, perHost + taken.Count + 1).First(l => !taken.Contains(l)));
            }
        }

        var quota = new Dictionary<string, int>();
        foreach (var h in hosts)
            quota[h] = await HostQuota.RemainingAsync(db, companyId, h, nowUtc, dailyLimit, ct) - await PendingAsync(db, companyId, h, nowUtc, ids, ct);

        var plan = new List<(Schedule Schedule, string? Host, Guid? Interviewer, List<(DateTime Slice, int Lane)> Slots)>();
        List<string> CandidatesOf(Schedule s) => byInterviewer is null ? hosts : [.. byInterviewer[s.Id].Select(x => x.Host).Distinct()];
        // 日程 that may keep their host are planned first, so that one moving never takes the host another one keeps.
        foreach (var s in batch.OrderBy(s => s.PoolHostExternalUserId is { } h && CandidatesOf(s).Contains(h) ? 0 : 1).ThenBy(s => s.StartUtc).ThenBy(s => s.Id))
        {
            var slices = HostSlot.Slices(s.StartUtc, s.EndUtc).ToList();
            List<(DateTime, int)>? FreeLanes(string host)
            {
                var result = new List<(DateTime, int)>();
                foreach (var slice in slices)
                {
                    var taken = Lanes(lanes, host, slice);
                    var lane = Enumerable.Range(0, perHost).FirstOrDefault(l => !taken.Contains(l), -1);
                    if (lane < 0) return null;
                    result.Add((slice, lane));
                }
                return result;
            }
            var candidates = CandidatesOf(s);
            if (byInterviewer is not null && candidates.Count == 0)
            {
                // No 面接官 with a Zoom user: saved without a host, the row says 発行失敗 and why (MeetingPlan.Touch).
                plan.Add((s, null, null, []));
                continue;
            }
            var free = candidates.Select(h => (Host: h, Slots: FreeLanes(h))).Where(x => x.Slots is not null).ToList();
            var usable = free.Where(x => quota[x.Host] > 0).ToList();
            if (usable.Count == 0)
            {
                refusals.Add(byInterviewer is null
                    ? new(s.StartUtc, s.EndUtc, hosts.Count == 0 ? PoolRefusal.NoHosts : free.Count == 0 ? PoolRefusal.AllBusy : PoolRefusal.NoQuota) { ScheduleId = s.Id }
                    : new(s.StartUtc, s.EndUtc, free.Count == 0 ? PoolRefusal.InterviewersBusy : PoolRefusal.InterviewersNoQuota,
                        string.Join("、", byInterviewer[s.Id].Select(x => x.Name).Distinct())) { ScheduleId = s.Id });
                continue;
            }
            // The same host when it is still free (no new meeting, no mail); else the one with the most quota left
            // (面接官 host mode: the first 面接官 by name whose Zoom user is free).
            var pick = usable.FirstOrDefault(x => x.Host == s.PoolHostExternalUserId);
            if (pick.Host is null) pick = byInterviewer is null ? usable.OrderByDescending(x => quota[x.Host]).First() : usable[0];
            foreach (var (slice, lane) in pick.Slots!) Lanes(lanes, pick.Host, slice).Add(lane);
            if (pick.Host != s.PoolHostExternalUserId || s.Meeting.ZoomId is null) quota[pick.Host]--;
            plan.Add((s, pick.Host, HostingInterviewer(db, s, byInterviewer, pick.Host), pick.Slots!));
        }
        if (refusals.Count > 0 || !apply) return refusals;

        var existing = await db.HostSlots.Where(x => ids.Contains(x.ScheduleId)).ToListAsync(ct);
        foreach (var (s, host, interviewer, slots) in plan)
        {
            s.PoolHostExternalUserId = host;
            s.HostInterviewerId = interviewer;
            var mine = existing.Where(x => x.ScheduleId == s.Id).ToList();
            foreach (var (slice, lane) in slots)
            {
                if (mine.Any(x => x.HostExternalUserId == host && x.SliceUtc == slice && x.Lane == lane)) continue;
                db.HostSlots.Add(new HostSlot { CompanyId = companyId, HostExternalUserId = host!, SliceUtc = slice, Lane = lane, ScheduleId = s.Id });
            }
            db.HostSlots.RemoveRange(mine.Where(x => x.HostExternalUserId != host || !slots.Contains((x.SliceUtc, x.Lane))));
        }
        return refusals;
    }

    /// <summary>
    /// Plans and saves, planning again when another node took a chosen host's time first (the primary key refused the
    /// rows). <paramref name="assigned"/> runs after each plan, before saving (e.g. <see cref="MeetingPlan.Touch"/>, which
    /// needs the host). Null when saved; else the refusals (nothing saved).
    /// </summary>
    public static async Task<List<PoolRefusalRow>?> SaveAsync(
        SaiyoDbContext db, InterviewEvent ev, IReadOnlyList<Schedule> batch, DateTime nowUtc, int dailyLimit, Action? assigned, CancellationToken ct,
        string? avoidHost = null, IReadOnlyCollection<string>? members = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var refusals = await AssignAsync(db, ev, batch, nowUtc, dailyLimit, ct, avoidHost, members: members);
            if (refusals.Count > 0) return refusals;
            assigned?.Invoke();
            try
            {
                await db.SaveChangesAsync(ct);
                return null;
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && attempt < 20)
            {
                // Another save took one of these hosts' time first: plan again from what it committed.
            }
        }
    }

    /// <summary>
    /// 面接官 host mode, a 日程 without 面接官 of its own: the イベント's 面接官 whose Zoom user hosts it (the one it had while
    /// that one is still on the user), its only interviewer. Null otherwise.
    /// </summary>
    private static Guid? HostingInterviewer(SaiyoDbContext db, Schedule s, Dictionary<Guid, List<(string Host, string Name, Guid Staff)>>? byInterviewer, string host)
    {
        if (byInterviewer is null || !Interviews.InterviewerZoomUsers.InheritsInterviewers(db, s)) return null;
        var on = byInterviewer[s.Id].Where(x => x.Host == host).Select(x => x.Staff).ToList();
        return s.HostInterviewerId is { } kept && on.Contains(kept) ? kept : on[0];
    }

    /// <summary>Releases the host time of <paramref name="scheduleId"/> (deleted, or its イベント no longer pooled).</summary>
    public static async Task ReleaseAsync(SaiyoDbContext db, IReadOnlyCollection<Guid> scheduleIds, CancellationToken ct) =>
        db.HostSlots.RemoveRange(await db.HostSlots.Where(x => scheduleIds.Contains(x.ScheduleId)).ToListAsync(ct));

    /// <summary>Creates still to be sent for <paramref name="host"/> (they use today's quota first; the worker issues the earliest first).</summary>
    private static Task<int> PendingAsync(SaiyoDbContext db, Guid companyId, string host, DateTime nowUtc, List<Guid> exclude, CancellationToken ct) =>
        (from s in db.Schedules
         join e in db.InterviewEvents on s.EventId equals e.Id
         where s.CompanyId == companyId && e.VideoProvider == VideoProvider.Zoom
               && (e.HostMode != HostMode.SingleUser ? s.PoolHostExternalUserId == host : e.HostExternalUserId == host)
               && s.Meeting.WantedVersion != s.Meeting.AppliedVersion && s.Meeting.State != MeetingState.Failed
               && !s.Deleted && (s.Shown || s.BookedCount > 0) && s.StartUtc > nowUtc && !exclude.Contains(s.Id)
         select s.Id).CountAsync(ct);

    private static HashSet<int> Lanes(Dictionary<(string, DateTime), HashSet<int>> lanes, string host, DateTime slice)
    {
        if (!lanes.TryGetValue((host, slice), out var set)) lanes[(host, slice)] = set = [];
        return set;
    }
}
