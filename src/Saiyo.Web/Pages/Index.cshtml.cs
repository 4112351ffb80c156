using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages;

public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current) : PageModel
{
    public string CompanyName { get; private set; } = "";
    public int StaffCount { get; private set; }
    public bool LinkageEnabled { get; private set; }
    public int FailedMeetings { get; private set; }
    public int WaitingMeetings { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (current.IdOrNull is not { } companyId)
            return current.IsOperator ? RedirectToPage("/Operator/Companies/Index") : Forbid();
        if (current.IsInterviewerOnly) return Redirect("/Interviews");

        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == companyId, ct);
        CompanyName = company.Name;
        LinkageEnabled = company.WebInterviewLinkageEnabled;
        StaffCount = await db.Users.CountAsync(u => u.CompanyId == companyId, ct);
        FailedMeetings = await db.Schedules.CountAsync(s => s.CompanyId == companyId && !s.Deleted && s.MeetingState == MeetingState.Failed, ct);
        WaitingMeetings = await db.Schedules.CountAsync(s => s.CompanyId == companyId && !s.Deleted && (s.MeetingState == MeetingState.Waiting || s.MeetingState == MeetingState.Blocked), ct);
        return Page();
    }
}
