using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Web.Mail;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Settings.MailTemplates;

/// <summary>メールテンプレート: every applicant mail in each language, built-in (既定) or the company's own (編集済み).</summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanEdit => current.IsAdmin;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var companyId = current.Id;
        var own = await db.MailTemplates.AsNoTracking().Where(t => t.CompanyId == companyId)
            .Select(t => new { t.Kind, t.Language, t.UpdatedBy, t.UpdatedAtUtc }).ToListAsync(ct);
        Rows = [.. from k in MailKinds.All
                   from lang in MailKinds.Languages
                   let saved = own.FirstOrDefault(t => t.Kind == k.Name && t.Language == lang)
                   select new Row(k.Name, lang, saved is not null, saved?.UpdatedBy, saved?.UpdatedAtUtc)];
    }

    public sealed record Row(string Kind, string Language, bool Edited, string? UpdatedBy, DateTime? UpdatedAtUtc);
}
