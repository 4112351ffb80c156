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
    public Paging Paging { get; private set; } = new(1, PageSize, false);
    public OutgoingMail? Selected { get; private set; }

    /// <summary>送信メール is read-only: a POST (no handler) is simply not found, as on the other company pages.</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null) context.Result = NotFound();
    }

    public async Task<IActionResult> OnGetAsync(Guid? id, [FromQuery(Name = Paging.Parameter)] int? page, CancellationToken ct)
    {
        var companyId = current.Id;
        (Mails, Paging) = await Paging.ReadAsync(db.OutgoingMails.AsNoTracking().Where(m => m.CompanyId == companyId)
            .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id), page, PageSize, ct);
        if (id is { } mailId)
        {
            Selected = await db.OutgoingMails.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mailId && m.CompanyId == companyId, ct);
            if (Selected is null) return NotFound();
        }
        return Page();
    }
}
