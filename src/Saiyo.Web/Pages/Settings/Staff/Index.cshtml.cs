using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Staff;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Settings.Staff;

public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var companyId = current.Id;
        var adminRoleId = await db.Roles.Where(r => r.Name == StaffRoles.Admin).Select(r => r.Id).FirstAsync(ct);
        var now = time.GetUtcNow();
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.CompanyId == companyId)
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd, IsAdmin = db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRoleId) })
            .ToListAsync(ct);
        Staff = rows.Select(u => new Row(u.Id, u.DisplayName, u.Email ?? "", u.IsAdmin ? StaffRoles.Admin : StaffRoles.Recruiter, u.LockoutEnd > now)).ToList();
    }

    public sealed record Row(Guid Id, string Name, string Email, string Role, bool Disabled);
}
