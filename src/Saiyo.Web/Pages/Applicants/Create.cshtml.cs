using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>応募者の登録. An e-mail already registered in the company is named with a link to that 応募者 and saved only when confirmed.</summary>
public sealed class CreateModel(SaiyoDbContext db, CurrentCompany current, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ApplicantInput Input { get; set; } = new();

    /// <summary>Staff saw the 応募者 with the same e-mail and still want a second one.</summary>
    [BindProperty]
    public bool CreateAnyway { get; set; }

    public (Guid Id, string Name)? SameEmail { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var companyId = current.Id;
        var email = Input.Email.Trim().ToLower();
        var same = await db.Applicants.AsNoTracking().Where(a => a.CompanyId == companyId && a.Email.ToLower() == email)
            .OrderBy(a => a.CreatedAtUtc).Select(a => new { a.Id, a.Name }).FirstOrDefaultAsync(ct);
        if (same is not null && !CreateAnyway)
        {
            SameEmail = (same.Id, same.Name);
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var applicant = new Applicant { CompanyId = companyId, Name = "", Email = "", CreatedAtUtc = now, UpdatedAtUtc = now };
        Input.ApplyTo(applicant);
        db.Applicants.Add(applicant);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Applicants.Created", applicant.Name].Value;
        return Redirect($"/Applicants/{applicant.Id}");
    }
}
