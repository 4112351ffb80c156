using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;

namespace Saiyo.Web.Pages.SelectionMeetings.Schedules;

/// <summary>
/// Warnings before saving shown web-interview schedules: the host already hosts an overlapping schedule (a Pro
/// user hosts one meeting at a time: the API accepts it, the second meeting fails when it starts), and the host's
/// remaining daily create/update quota is smaller than what this save needs (which ones wait for the next day).
/// </summary>
public static class ScheduleWarnings
{
    public static async Task<List<string>> ComputeAsync(
        SaiyoDbContext db, IStringLocalizer<SharedResource> l, InterviewEvent ev, IReadOnlyList<(DateTime Start, DateTime End)> shownSlots,
        Guid? excludeScheduleId, TimeZoneInfo zone, DateTime nowUtc, int dailyLimit, CancellationToken ct)
    {
        var warnings = new List<string>();
        if (ev.VideoProvider != VideoProvider.Zoom || ev.HostExternalUserId is not { } host || shownSlots.Count == 0) return warnings;

        var rangeStart = shownSlots.Min(s => s.Start);
        var rangeEnd = shownSlots.Max(s => s.End);
        var existing = await (
                from s in db.Schedules
                join e in db.InterviewEvents on s.EventId equals e.Id
                where s.CompanyId == ev.CompanyId && !s.Deleted && s.Shown && e.VideoProvider == VideoProvider.Zoom && e.HostExternalUserId == host
                      && s.StartUtc < rangeEnd && s.EndUtc > rangeStart && s.Id != excludeScheduleId
                select new { s.StartUtc, s.EndUtc, e.Name })
            .ToListAsync(ct);

        var ordered = shownSlots.OrderBy(s => s.Start).ToList();
        foreach (var slot in ordered)
        {
            foreach (var other in existing.Where(o => o.StartUtc < slot.End && o.EndUtc > slot.Start))
                warnings.Add(l["Warning.Overlap", ScheduleRules.FormatRange(slot.Start, slot.End, zone), other.Name, ScheduleRules.FormatRange(other.StartUtc, other.EndUtc, zone)]);
        }
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start < ordered[i - 1].End)
                warnings.Add(l["Warning.OverlapInSeries", ScheduleRules.FormatRange(ordered[i - 1].Start, ordered[i - 1].End, zone), ScheduleRules.FormatRange(ordered[i].Start, ordered[i].End, zone)]);
        }
        const int maxOverlapLines = 20;
        if (warnings.Count > maxOverlapLines)
        {
            var more = warnings.Count - maxOverlapLines;
            warnings.RemoveRange(maxOverlapLines, more);
            warnings.Add(l["Warning.More", more]);
        }

        var remaining = await HostQuota.RemainingAsync(db, ev.CompanyId, host, nowUtc, dailyLimit, ct);
        // Schedules of this host still waiting for their create/update use the same quota, and the worker issues the
        // earliest start first, whichever was saved first.
        var pending = await (
                from s in db.Schedules
                join e in db.InterviewEvents on s.EventId equals e.Id
                where s.CompanyId == ev.CompanyId && e.VideoProvider == VideoProvider.Zoom && e.HostExternalUserId == host
                      && s.Meeting.WantedVersion != s.Meeting.AppliedVersion && s.Meeting.State != MeetingState.Failed
                      && !s.Deleted && s.Shown && s.StartUtc > nowUtc && s.Id != excludeScheduleId
                select new { s.StartUtc, s.EndUtc })
            .ToListAsync(ct);
        var needed = ordered.Select(s => (s.Start, s.End)).Concat(pending.Select(p => (Start: p.StartUtc, End: p.EndUtc))).OrderBy(s => s.Start).ToList();
        if (needed.Count > remaining)
        {
            // The last ones wait for the quota to reset (00:00 UTC, or the time Zoom named).
            var waiting = needed.Skip(remaining).ToList();
            var resetUtc = await HostQuota.LimitedUntilAsync(db, ev.CompanyId, host, nowUtc, ct) ?? nowUtc.Date.AddDays(1);
            var resumes = Tenancy.TimeZones.Format(DateTime.SpecifyKind(resetUtc, DateTimeKind.Utc), zone);
            var list = string.Join("、", waiting.Take(10).Select(s => ScheduleRules.FormatRange(s.Start, s.End, zone))) + (waiting.Count > 10 ? " …" : "");
            warnings.Add(pending.Count == 0
                ? l["Warning.Quota", remaining, ordered.Count, waiting.Count, resumes, list]
                : l["Warning.QuotaWithPending", remaining, ordered.Count, waiting.Count, resumes, list, pending.Count]);
        }
        return warnings;
    }
}
