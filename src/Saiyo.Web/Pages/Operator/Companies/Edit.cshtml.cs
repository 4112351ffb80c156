using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Web.Localization;

namespace Saiyo.Web.Pages.Operator.Companies;

/// <summary>The operator switches 「Web面接連携」 on or off here, by contract.</summary>
public sealed class EditModel(SaiyoDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CompanyForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Companies.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return NotFound();
        Input = new CompanyForm { Name = c.Name, TimeZoneId = c.TimeZoneId, WebInterviewLinkageEnabled = c.WebInterviewLinkageEnabled };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Companies.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return NotFound();
        if (!ModelState.IsValid) return Page();

        c.Name = Input.Name.Trim();
        c.TimeZoneId = Input.TimeZoneId;
        c.WebInterviewLinkageEnabled = Input.WebInterviewLinkageEnabled;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage("Index");
    }
}
