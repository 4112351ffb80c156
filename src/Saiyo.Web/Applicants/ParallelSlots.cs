using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Applicants;

/// <summary>
/// 「同時刻の日程をまとめて表示する」: the applicant books (or moves to) one merged slot, which is a choice of the parallel 日程
/// behind it. A thin step before <see cref="BookingService"/>: the chosen 日程 is tried first; when it answers 満席 (filled by
/// another applicant meanwhile, on any node) the next parallel 日程 that still has a seat is tried, and only when all are full
/// is the answer 満席. Each attempt is the booking service's own conditional UPDATE, so capacity holds as before.
/// </summary>
public sealed class ParallelSlots(SaiyoDbContext db, BookingService bookings)
{
    /// <summary>The merged slot's key: 日程 of one イベント with the same start and end are one slot to applicants.</summary>
    public static (Guid EventId, DateTime StartUtc, DateTime EndUtc) Key(Schedule s) => (s.EventId, s.StartUtc, s.EndUtc);

    public Task<BookingResult> BookAsync(Applicant applicant, Guid scheduleId, CancellationToken ct) =>
        EachUntilNotFullAsync(applicant, scheduleId, id => bookings.BookAsync(applicant, id, byStaff: false, ct), ct);

    public Task<BookingResult> ChangeAsync(Applicant applicant, Guid bookingId, Guid scheduleId, CancellationToken ct) =>
        EachUntilNotFullAsync(applicant, scheduleId, id => bookings.ChangeAsync(applicant, bookingId, id, ct), ct);

    private async Task<BookingResult> EachUntilNotFullAsync(Applicant applicant, Guid scheduleId, Func<Guid, Task<BookingResult>> attempt, CancellationToken ct)
    {
        var result = await attempt(scheduleId);
        // Most 満席 of a rush are on イベント that do not merge: the attempt already read that, so no query for parallel 日程.
        if (result.Outcome != BookingOutcome.Full || result.MergesParallel == false) return result;
        foreach (var next in await OthersWithSeatsAsync(applicant.CompanyId, scheduleId, ct))
        {
            result = await attempt(next);
            if (result.Outcome != BookingOutcome.Full) return result;
        }
        return result;
    }

    /// <summary>
    /// The other shown 日程 parallel to <paramref name="scheduleId"/> that had a seat left a moment ago, most seats first (so the
    /// interviews spread over the parallel 日程); none unless its イベント merges them.
    /// </summary>
    private async Task<List<Guid>> OthersWithSeatsAsync(Guid companyId, Guid scheduleId, CancellationToken ct)
    {
        var chosen = await (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            where s.Id == scheduleId && s.CompanyId == companyId && e.MergeParallelSlots
            select new { s.EventId, s.StartUtc, s.EndUtc }).FirstOrDefaultAsync(ct);
        if (chosen is null) return [];
        return await db.Schedules.AsNoTracking()
            .Where(s => s.CompanyId == companyId && s.EventId == chosen.EventId && s.StartUtc == chosen.StartUtc && s.EndUtc == chosen.EndUtc
                        && s.Id != scheduleId && s.Shown && !s.Deleted && s.BookedCount < s.Capacity)
            .OrderByDescending(s => s.Capacity - s.BookedCount).ThenBy(s => s.Id)
            .Select(s => s.Id).ToListAsync(ct);
    }
}
