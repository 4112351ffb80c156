using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Mail;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Settings.Mails;

/// <summary>送信メール: every mail Saiyo sent or kept for the company (in the embedded default none leaves the machine).</summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current) : PageModel
{
    public const int PageSize = 100;
    public IReadOnlyList<OutgoingMail> Mails { get; private set; } = [];
    public OutgoingMail? Selected { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        var companyId = current.Id;
        Mails = await db.OutgoingMails.AsNoTracking().Where(m => m.CompanyId == companyId)
            .OrderByDescending(m => m.CreatedAtUtc).Take(PageSize).ToListAsync(ct);
        if (id is { } mailId)
        {
            Selected = await db.OutgoingMails.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mailId && m.CompanyId == companyId, ct);
            if (Selected is null) return NotFound();
        }
        return Page();
    }
}
