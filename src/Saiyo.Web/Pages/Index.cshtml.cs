using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages;

public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current, TimeProvider time) : PageModel
{
    public string CompanyName { get; private set; } = "";
    public int StaffCount { get; private set; }
    public bool LinkageEnabled { get; private set; }
    public int FailedMeetings { get; private set; }
    public int WaitingMeetings { get; private set; }
    public int PendingDeletions { get; private set; }
    /// <summary>The linkage is not 連携中 and coming Zoom 日程 wait on it (送信停止).</summary>
    public LinkageStatus? UnsentBecause { get; private set; }
    public int UnsentSchedules { get; private set; }
    public int UnsentApplicants { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (current.IdOrNull is not { } companyId)
            return current.IsOperator ? RedirectToPage("/Operator/Companies/Index") : Forbid();
        if (current.IsInterviewerOnly) return Redirect("/Interviews");

        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == companyId, ct);
        CompanyName = company.Name;
        LinkageEnabled = company.WebInterviewLinkageEnabled;
        StaffCount = await db.Users.CountAsync(u => u.CompanyId == companyId, ct);
        FailedMeetings = await db.Schedules.CountAsync(s => s.CompanyId == companyId && !s.Deleted && s.Meeting.State == MeetingState.Failed, ct);
        WaitingMeetings = await db.Schedules.CountAsync(s => s.CompanyId == companyId && !s.Deleted && (s.Meeting.State == MeetingState.Waiting || s.Meeting.State == MeetingState.Blocked), ct);
        PendingDeletions = await db.Schedules.CountAsync(s => s.CompanyId == companyId && s.Deleted, ct);
        var status = await UnsentMeetings.LinkageStatusAsync(db, companyId, ct);
        if (status != LinkageStatus.Linked)
        {
            var now = time.GetUtcNow().UtcDateTime;
            UnsentSchedules = await UnsentMeetings.Schedules(db, companyId, now).CountAsync(ct);
            UnsentApplicants = await UnsentMeetings.Bookings(db, companyId, now).Select(b => b.ApplicantId).Distinct().CountAsync(ct);
            if (UnsentSchedules > 0) UnsentBecause = status;
        }
        return Page();
    }
}
