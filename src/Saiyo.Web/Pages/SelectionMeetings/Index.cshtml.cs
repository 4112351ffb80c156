using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>The company's 選考会, newest first.</summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? Description, int Events, int Schedules, int Failed);

    public IReadOnlyList<Row> Meetings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var companyId = current.Id;
        Meetings = await db.SelectionMeetings.AsNoTracking().Where(m => m.CompanyId == companyId)
            .OrderByDescending(m => m.CreatedAtUtc)
            .Select(m => new Row(m.Id, m.Name, m.Description,
                db.InterviewEvents.Count(e => e.SelectionMeetingId == m.Id),
                db.Schedules.Count(s => !s.Deleted && db.InterviewEvents.Any(e => e.Id == s.EventId && e.SelectionMeetingId == m.Id)),
                db.Schedules.Count(s => !s.Deleted && s.Meeting.State == MeetingState.Failed && db.InterviewEvents.Any(e => e.Id == s.EventId && e.SelectionMeetingId == m.Id))))
            .ToListAsync(ct);
    }
}
