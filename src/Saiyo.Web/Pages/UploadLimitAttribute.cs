using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Saiyo.Web.Pages;

/// <summary>
/// Answers 413 (the error page says the file is too large) when a request announces a body over
/// <paramref name="maxBytes"/>. It runs after authorization but before the antiforgery check, which would otherwise
/// read the body first and turn Kestrel's 413 into a bare 400. Pair it with [RequestSizeLimit] for bodies without a
/// Content-Length.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute(long maxBytes) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    // Authorization filters without an order run at 0, the antiforgery check at 1000.
    public int Order => 500;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.Request.ContentLength > maxBytes)
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
    }
}
