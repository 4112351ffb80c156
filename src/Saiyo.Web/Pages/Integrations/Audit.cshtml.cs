using Microsoft.AspNetCore.Mvc;
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
    public Paging Paging { get; private set; } = new(1, PageSize, false);

    public async Task OnGetAsync([FromQuery(Name = Paging.Parameter)] int? page, CancellationToken ct)
    {
        var companyId = Current.Id;
        (Entries, Paging) = await Paging.ReadAsync(Db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == companyId)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id), page, PageSize, ct);
    }
}
