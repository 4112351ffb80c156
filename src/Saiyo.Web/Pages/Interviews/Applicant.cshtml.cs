using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Web.Interviews;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Interviews;

/// <summary>An applicant as their 面接官 sees them: only while booked on a 日程 assigned to this interviewer.</summary>
public sealed class ApplicantModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock) : InterviewPageModel(db, current, clock)
{
    public Applicant Applicant { get; private set; } = null!;
    public IReadOnlyList<InterviewRow> Interviews { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var companyId = Current.Id;
        var mine = InterviewerAssignments.SchedulesOf(Db, companyId, Current.UserId).Select(s => s.Id);
        var scheduleIds = await Db.Bookings.AsNoTracking()
            .Where(b => b.ApplicantId == id && b.CompanyId == companyId && b.State == BookingState.Active && mine.Contains(b.ScheduleId))
            .Select(b => b.ScheduleId).ToListAsync(ct);
        if (scheduleIds.Count == 0) return NotFound();
        Applicant = await Db.Applicants.AsNoTracking().FirstAsync(a => a.Id == id && a.CompanyId == companyId, ct);
        var all = new List<InterviewRow>();
        foreach (var s in scheduleIds) all.AddRange(await InterviewsAsync(DateTime.MinValue, s, ct));
        Interviews = all.OrderBy(i => i.StartUtc).ToList();
        return Page();
    }
}
