using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Web.Interviews;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Interviews;

/// <summary>
/// What the 面接官's pages share: every query starts from the 日程 assigned to the signed-in staff member, so an
/// unassigned 日程 or applicant is simply not found (404), as another company's is.
/// </summary>
public abstract class InterviewPageModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock) : PageModel
{
    protected SaiyoDbContext Db => db;
    protected CurrentCompany Current => current;
    protected CompanyClock Clock => clock;

    /// <summary>A handler these pages do not have is simply not found.</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null) context.Result = NotFound();
    }

    public sealed record InterviewRow(Guid ScheduleId, DateTime StartUtc, DateTime EndUtc, string When, string Meeting, string Event, string? JoinUrl,
        bool CanStart, IReadOnlyList<(Guid Id, string Name)> Applicants);

    /// <summary>The signed-in staff member's assigned 日程 (ending after <paramref name="fromUtc"/>) with their active bookings.</summary>
    protected async Task<List<InterviewRow>> InterviewsAsync(DateTime fromUtc, Guid? scheduleId, CancellationToken ct)
    {
        var companyId = current.Id;
        var schedules = InterviewerAssignments.SchedulesOf(db, companyId, current.UserId);
        if (scheduleId is { } only) schedules = schedules.Where(s => s.Id == only);
        else schedules = schedules.Where(s => s.EndUtc > fromUtc);
        var rows = await (
            from s in schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            orderby s.StartUtc
            select new { s.Id, s.StartUtc, s.EndUtc, s.JoinUrl, s.ZoomMeetingId, Meeting = m.Name, Event = e.Name }).Take(500).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var booked = await (
            from b in db.Bookings.AsNoTracking()
            join a in db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where ids.Contains(b.ScheduleId) && b.CompanyId == companyId && b.State == BookingState.Active
            orderby b.CreatedAtUtc
            select new { b.ScheduleId, a.Id, a.Name }).ToListAsync(ct);
        var zone = await clock.ZoneAsync(ct);
        return rows.Select(r => new InterviewRow(r.Id, r.StartUtc, r.EndUtc, Saiyo.Web.Pages.SelectionMeetings.Schedules.ScheduleRules.FormatRange(r.StartUtc, r.EndUtc, zone),
                r.Meeting, r.Event, r.JoinUrl, r.ZoomMeetingId is not null,
                booked.Where(b => b.ScheduleId == r.Id).Select(b => (b.Id, b.Name)).ToList()))
            .ToList();
    }
}
