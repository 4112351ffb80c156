using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Saiyo.Data.Staff;

namespace Saiyo.Web.Tenancy;

/// <summary>
/// A 面接官 who reaches a company-wide page gets 404, as for another company's URL: least privilege that
/// does not reveal which applicants or 日程 exist beyond their own. The operator, who belongs to no company, gets the
/// same 404 on company pages (never an error page).
/// </summary>
public sealed class InterviewerNotFoundResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && (context.User.IsInRole(StaffRoles.Interviewer) || context.User.IsInRole(StaffRoles.Operator)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
