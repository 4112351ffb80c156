using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Web.Integrations;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Integrations;

/// <summary>What every Web面接連携サービス page needs: the company, the actor, whether linkage is contracted.</summary>
public abstract class IntegrationPageModel(SaiyoDbContext db, CurrentCompany current) : PageModel
{
    protected SaiyoDbContext Db => db;
    protected CurrentCompany Current => current;

    public bool CanManage => current.IsAdmin;
    public bool LinkageContracted { get; private set; }

    protected async Task LoadCompanyAsync(CancellationToken ct) =>
        LinkageContracted = await db.Companies.Where(c => c.Id == current.Id).Select(c => c.WebInterviewLinkageEnabled).FirstAsync(ct);

    protected LinkageActor Actor() =>
        new(current.Id, current.UserId, User.FindFirst(SaiyoClaims.DisplayName)?.Value ?? "", HttpContext.Connection.RemoteIpAddress?.ToString());
}
