using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Web.Pages.SelectionMeetings.Schedules;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>
/// Impact before effect: the booked applicants a staff change reaches and the mail each of them will get, shown on the
/// page (「_Impact」) before the change is confirmed.
/// </summary>
public static class BookingImpact
{
    public sealed record Row(Guid ApplicantId, string Name, string Email, string Language, string When, string Mail);

    /// <summary>The active bookings on <paramref name="scheduleIds"/>, each with <paramref name="mail"/> (what it will be sent).</summary>
    public static async Task<List<Row>> OfSchedulesAsync(SaiyoDbContext db, Guid companyId, IReadOnlyCollection<Guid> scheduleIds, TimeZoneInfo zone, string mail, CancellationToken ct)
    {
        var rows = await (
            from b in db.Bookings
            join a in db.Applicants on b.ApplicantId equals a.Id
            join s in db.Schedules on b.ScheduleId equals s.Id
            where b.CompanyId == companyId && a.CompanyId == companyId && s.CompanyId == companyId && b.State == BookingState.Active && scheduleIds.Contains(b.ScheduleId)
            orderby s.StartUtc, a.Name
            select new { a.Id, a.Name, a.Email, a.Language, s.StartUtc, s.EndUtc }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new Row(r.Id, r.Name, r.Email, r.Language, ScheduleRules.FormatRange(r.StartUtc, r.EndUtc, zone), mail)).ToList();
    }
}
