using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Web.Interviews;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Interviews;

/// <summary>One assigned 日程 as its 面接官 sees it: the booked applicants, the join URL and 「開始」.</summary>
public sealed class ScheduleModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingStartLink startLink, IStringLocalizer<SharedResource> l)
    : InterviewPageModel(db, current, clock)
{
    public InterviewRow Interview { get; private set; } = null!;
    public IReadOnlyList<Person> People { get; private set; } = [];

    public sealed record Person(Guid Id, string Name, string? Kana, string Email, string? Organization, Attendance Attendance);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var companyId = Current.Id;
        People = await (
            from b in Db.Bookings.AsNoTracking()
            join a in Db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where b.ScheduleId == id && b.CompanyId == companyId && b.State == BookingState.Active
            orderby b.CreatedAtUtc
            select new Person(a.Id, a.Name, a.Kana, a.Email, a.Organization, b.Attendance)).ToListAsync(ct);
        return Page();
    }

    /// <summary>「開始」 for the interviewer: the start link fetched fresh at the click, never stored or mailed.</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var meetingId = await InterviewerAssignments.SchedulesOf(Db, Current.Id, Current.UserId).Where(s => s.Id == id).Select(s => s.Meeting.ZoomId).FirstAsync(ct);
        if (meetingId is null) return Redirect($"/Interviews/{id}");
        var (url, error) = await startLink.GetAsync(Current.Id, meetingId.Value, ct);
        if (url is null)
        {
            TempData["Error"] = l[error!].Value;
            return Redirect($"/Interviews/{id}");
        }
        Response.Headers.CacheControl = "no-store";
        return Redirect(url);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await InterviewsAsync(DateTime.MinValue, id, ct);
        if (found.Count == 0) return false;
        Interview = found[0];
        return true;
    }
}
