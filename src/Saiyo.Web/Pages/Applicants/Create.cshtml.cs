using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

public sealed class CreateModel(SaiyoDbContext db, CurrentCompany current, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ApplicantInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var now = time.GetUtcNow().UtcDateTime;
        var applicant = new Applicant { CompanyId = current.Id, Name = "", Email = "", CreatedAtUtc = now, UpdatedAtUtc = now };
        Input.ApplyTo(applicant);
        db.Applicants.Add(applicant);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Applicants.Created", applicant.Name].Value;
        return Redirect($"/Applicants/{applicant.Id}");
    }
}
