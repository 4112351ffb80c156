using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Staff;
using Saiyo.Web.Interviews;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Settings.Staff;

public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var companyId = current.Id;
        var roleNames = await db.Roles.ToDictionaryAsync(r => r.Id, r => r.Name ?? "", ct);
        var now = time.GetUtcNow();
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.CompanyId == companyId)
            .OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.LockoutEnd, u.ZoomUserExternalId, u.ZoomUserSetByAdmin,
                RoleId = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => (Guid?)r.RoleId).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var zoomUsers = await InterviewerZoomUsers.AccountUsersAsync(db, companyId, ct);
        Staff = rows.Select(u => new Row(u.Id, u.DisplayName, u.Email ?? "", u.RoleId is { } r ? roleNames[r] : StaffRoles.Recruiter, u.LockoutEnd > now)
        {
            ZoomUser = InterviewerZoomUsers.Resolve(u.Email, u.ZoomUserExternalId, u.ZoomUserSetByAdmin, zoomUsers) is { } z ? $"{z.DisplayName} ({z.Email})" : null,
            ZoomUserByEmail = !u.ZoomUserSetByAdmin,
        }).ToList();
    }

    public sealed record Row(Guid Id, string Name, string Email, string Role, bool Disabled)
    {
        /// <summary>The Zoom user that hosts their 日程 in the 面接官 host mode (name and e-mail); null: 未連携.</summary>
        public string? ZoomUser { get; init; }
        /// <summary>Matched by e-mail, not chosen by an admin.</summary>
        public bool ZoomUserByEmail { get; init; }
    }
}
