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

    public sealed record InterviewRow(Guid ScheduleId, DateTime StartUtc, DateTime EndUtc, string When, Guid MeetingId, string Meeting, string Event, string? JoinUrl,
        bool CanStart, IReadOnlyList<Booked> Applicants);

    /// <summary>An applicant booked on the 日程, and whether the signed-in interviewer has evaluated them in its 選考会.</summary>
    public sealed record Booked(Guid Id, string Name, bool Evaluated);

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
            select new { s.Id, s.StartUtc, s.EndUtc, s.Meeting.JoinUrl, s.Meeting.ZoomId, MeetingId = m.Id, Meeting = m.Name, Event = e.Name }).Take(500).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var booked = await (
            from b in db.Bookings.AsNoTracking()
            join a in db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where ids.Contains(b.ScheduleId) && b.CompanyId == companyId && b.State == BookingState.Active
            orderby b.CreatedAtUtc
            select new { b.ScheduleId, a.Id, a.Name }).ToListAsync(ct);
        var me = current.UserId;
        var applicantIds = booked.Select(b => b.Id).Distinct().ToList();
        var evaluated = (await db.Evaluations.AsNoTracking()
            .Where(e => e.CompanyId == companyId && e.InterviewerId == me && applicantIds.Contains(e.ApplicantId))
            .Select(e => new { e.ApplicantId, e.SelectionMeetingId }).ToListAsync(ct))
            .Select(e => (e.ApplicantId, e.SelectionMeetingId)).ToHashSet();
        var zone = await clock.ZoneAsync(ct);
        return rows.Select(r => new InterviewRow(r.Id, r.StartUtc, r.EndUtc, Saiyo.Web.Pages.SelectionMeetings.Schedules.ScheduleRules.FormatRange(r.StartUtc, r.EndUtc, zone),
                r.MeetingId, r.Meeting, r.Event, r.JoinUrl, r.ZoomId is not null,
                booked.Where(b => b.ScheduleId == r.Id).Select(b => new Booked(b.Id, b.Name, evaluated.Contains((b.Id, r.MeetingId)))).ToList()))
            .ToList();
    }
}
