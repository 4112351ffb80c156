using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Interviews;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>All 評価 of an applicant, per 選考会, side by side: one column per 面接官, one row per form item and the 推奨.</summary>
public sealed class EvaluationsModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock) : PageModel
{
    public Applicant Applicant { get; private set; } = null!;
    public IReadOnlyList<Block> Blocks { get; private set; } = [];

    public sealed record Column(string Interviewer, Recommendation Recommendation, string UpdatedAt, Dictionary<Guid, string> Answers);
    public sealed record Block(string Meeting, IReadOnlyList<EvaluationItem> Items, IReadOnlyList<Column> Columns);

    /// <summary>A read-only page: any POST is simply not found.</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null) context.Result = NotFound();
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var companyId = current.Id;
        var applicant = await db.Applicants.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.CompanyId == companyId, ct);
        if (applicant is null) return NotFound();
        Applicant = applicant;
        var rows = await (
            from e in db.Evaluations.AsNoTracking()
            join u in db.Users.AsNoTracking() on e.InterviewerId equals u.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            where e.ApplicantId == id && e.CompanyId == companyId
            orderby m.CreatedAtUtc, u.DisplayName
            select new { e, u.DisplayName, m.Name }).ToListAsync(ct);
        var meetingIds = rows.Select(r => r.e.SelectionMeetingId).Distinct().ToList();
        var items = await db.EvaluationItems.AsNoTracking().Where(i => meetingIds.Contains(i.SelectionMeetingId) && i.CompanyId == companyId)
            .OrderBy(i => i.Order).ToListAsync(ct);
        var zone = await clock.ZoneAsync(ct);
        Blocks = rows.GroupBy(r => (r.e.SelectionMeetingId, r.Name)).Select(g => new Block(
                g.Key.Name,
                items.Where(i => i.SelectionMeetingId == g.Key.SelectionMeetingId).ToList(),
                g.Select(r => new Column(r.DisplayName, r.e.Recommendation, TimeZones.Format(r.e.UpdatedAtUtc, zone), EvaluationRules.Read(r.e.Answers))).ToList()))
            .ToList();
        return Page();
    }
}
