using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Web.Applicants;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>
/// 個人情報の削除 (admins only): lists what will happen — the coming bookings cancelled with a mail each, their Zoom
/// registrations cancelled, the personal data and mail history emptied — and deletes on 「削除する」 (a form post, no script).
/// </summary>
public sealed class DeleteModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, ApplicantDeletion deletion, IStringLocalizer<SharedResource> l)
    : PageModel
{
    public sealed record ComingRow(string When, string What);

    public Applicant Applicant { get; private set; } = null!;
    public IReadOnlyList<ComingRow> Coming { get; private set; } = [];
    public int PastBookings { get; private set; }
    public int Mails { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var actor = User.FindFirst(SaiyoClaims.DisplayName)?.Value ?? "";
        var done = await deletion.DeleteAsync(Applicant, current.UserId, actor, ApplicantAuditActions.Deleted, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (done is null) return NotFound();
        TempData["Flash"] = l["ApplicantDelete.Done", done.Count].Value;
        return Redirect("/Applicants");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var companyId = current.Id;
        var applicant = await db.Applicants.FirstOrDefaultAsync(a => a.Id == id && a.CompanyId == companyId && a.DeletedAtUtc == null, ct);
        if (applicant is null) return false;
        Applicant = applicant;
        var now = clock.NowUtc;
        var zone = await clock.ZoneAsync(ct);
        var rows = await (
            from b in db.Bookings.AsNoTracking()
            join s in db.Schedules.AsNoTracking() on b.ScheduleId equals s.Id
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            where b.ApplicantId == id && b.CompanyId == companyId && b.State == BookingState.Active
            orderby s.StartUtc
            select new { s.StartUtc, s.Deleted, Meeting = m.Name, Event = e.Name }).ToListAsync(ct);
        Coming = rows.Where(r => !r.Deleted && r.StartUtc > now).Select(r => new ComingRow(TimeZones.Format(r.StartUtc, zone), r.Meeting + " / " + r.Event)).ToList();
        PastBookings = rows.Count - Coming.Count;
        var email = applicant.Email;
        Mails = await db.OutgoingMails.CountAsync(m => m.CompanyId == companyId && m.To == email, ct);
        return true;
    }
}
