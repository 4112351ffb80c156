using Saiyo.Web.Tenancy;

namespace Saiyo.Web.SignIn;

/// <summary>
/// A staff member whose password was set by someone else (<see cref="Saiyo.Data.Staff.StaffUser.MustChangePassword"/>)
/// reaches no page but the password change until they chose their own; a POST elsewhere does nothing.
/// </summary>
public static class PasswordChangeGate
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    // The password change itself, signing out, the error and language pages; applicants, Zoom and health checks
    // have no staff session to gate.
    private static readonly string[] Open = ["/Account", "/Error", "/Culture", "/my", "/healthz", "/webhooks", "/zoom-sandbox"];

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.User.HasClaim(c => c.Type == SaiyoClaims.MustChangePassword)
            && !Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            var returnUrl = HttpMethods.IsGet(context.Request.Method) ? context.Request.Path + context.Request.QueryString : "/";
            context.Response.Redirect($"{ChangePasswordPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }
        return next(context);
    });
}
