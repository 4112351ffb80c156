using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;

namespace Saiyo.Web.Pages.Operator.Companies;

public sealed class IndexModel(SaiyoDbContext db) : PageModel
{
    public IReadOnlyList<Row> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Companies = await db.Companies.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new Row(c.Id, c.Name, c.TimeZoneId, c.WebInterviewLinkageEnabled, db.Users.Count(u => u.CompanyId == c.Id)))
            .ToListAsync(ct);
    }

    public sealed record Row(Guid Id, string Name, string TimeZoneId, bool LinkageEnabled, int StaffCount);
}
