using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>応募者 list and search (name, kana, e-mail, phone, school or employer).</summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current) : PageModel
{
    public const int PageSize = 100;

    public sealed record Row(Guid Id, string Name, string? Kana, string Email, string? Organization, int Invited, int Bookings);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, false);

    public async Task OnGetAsync([FromQuery(Name = Paging.Parameter)] int? page, CancellationToken ct)
    {
        var companyId = current.Id;
        var query = db.Applicants.AsNoTracking().Where(a => a.CompanyId == companyId && a.DeletedAtUtc == null);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var lower = q.ToLowerInvariant();
            query = query.Where(a => a.Name.Contains(q) || (a.Kana != null && a.Kana.Contains(q)) || a.Email.ToLower().Contains(lower)
                                     || (a.Phone != null && a.Phone.Contains(q)) || (a.Organization != null && a.Organization.Contains(q)));
        }
        (Rows, Paging) = await Paging.ReadAsync(query.OrderByDescending(a => a.CreatedAtUtc).ThenBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new Row(a.Id, a.Name, a.Kana, a.Email, a.Organization,
                db.ApplicantInvitations.Count(i => i.ApplicantId == a.Id),
                db.Bookings.Count(b => b.ApplicantId == a.Id && b.State == BookingState.Active))), page, PageSize, ct);
    }
}
