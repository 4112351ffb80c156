using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Audit;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Integrations;

/// <summary>Linkage events of the company: who, when, what, from where. Never a token.</summary>
public sealed class AuditModel(SaiyoDbContext db, CurrentCompany current) : IntegrationPageModel(db, current)
{
    public const int PageSize = 100;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var companyId = Current.Id;
        Entries = await Db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == companyId)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(PageSize).ToListAsync(ct);
    }
}
