using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Mail;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>A mail written to an applicant, as it was sent (from their timeline); staff only, 404 for another applicant's or company's.</summary>
public sealed class MailModel(SaiyoDbContext db, CurrentCompany current) : PageModel
{
    public OutgoingMail Mail { get; private set; } = null!;
    public string ApplicantName { get; private set; } = "";

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null) context.Result = NotFound();
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid mailId, CancellationToken ct)
    {
        var companyId = current.Id;
        var name = await db.Applicants.Where(a => a.Id == id && a.CompanyId == companyId && a.DeletedAtUtc == null).Select(a => a.Name).FirstOrDefaultAsync(ct);
        var mail = name is null ? null : await db.OutgoingMails.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mailId && m.ApplicantId == id && m.CompanyId == companyId, ct);
        if (mail is null) return NotFound();
        (Mail, ApplicantName) = (mail, name!);
        return Page();
    }
}
