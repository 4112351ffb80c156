using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saiyo.Zoom.Sandbox.Model;
using Saiyo.Zoom.Sandbox.Pages;
using Saiyo.Zoom.Sandbox.Webhooks;

namespace Saiyo.Zoom.Sandbox;

/// <summary>The sandbox's request handlers (OAuth, REST API, pages, control surface), split by area into partial files.</summary>
internal sealed partial class SandboxHandlers(
    SandboxStore store,
    SessionStore sessions,
    FaultInjector faults,
    RateLimiter rateLimiter,
    WebhookDispatcher webhooks,
    ZoomSandboxState state,
    IOptions<ZoomSandboxOptions> optionsAccessor,
    TimeProvider time,
    ILogger<SandboxHandlers> logger)
{
    /// <summary>Granular admin scopes granted to the app (space separated in the token response).</summary>
    public const string GrantedScopes = "user:read:list_users:admin user:read:user:admin meeting:read:meeting:admin meeting:read:list_meetings:admin meeting:write:meeting:admin meeting:update:meeting:admin meeting:delete:meeting:admin meeting:write:registrant:admin meeting:read:list_past_participants:admin";

    private ZoomSandboxOptions Options => optionsAccessor.Value;

    private string CookiePath => Formats.CookiePath(optionsAccessor);

    private string Base(HttpContext ctx) => Formats.Base(ctx, Options);

    private SandboxUser? SignedInUser(HttpContext ctx)
    {
        var id = sessions.UserId(ctx);
        return id is null ? null : store.Read(d => d.Users.FirstOrDefault(u => u.Id == id));
    }

    private string Csrf(HttpContext ctx) => Html.Csrf(sessions.CsrfToken(ctx, CookiePath));

    /// <summary>Sign-in form that returns to <paramref name="returnUrl"/> (a path under the sandbox).</summary>
    private IResult SignInPage(HttpContext ctx, string returnUrl, string? error = null, string? intro = null, int status = 200)
    {
        var b = Base(ctx);
        var body = (intro is null ? "" : $"<p>{intro}</p>")
            + (error is null ? "" : $"<p class=\"error\" role=\"alert\">{Html.E(error)}</p>")
            + $"""
            <div class="card"><form method="post" action="{Html.E(b)}/signin">{Csrf(ctx)}{Html.Hidden("returnUrl", returnUrl)}
            <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <div><button type="submit">Sign In</button></div></form>
            <p class="muted">Seeded users: owner@, admin@, host1@, host2@, host3@, basic@sandbox.zoom.test; admin@other.zoom.test — password {Html.E(SandboxStore.SeedPassword)}.</p></div>
            """;
        return Html.Page("Sign in to the Zoom sandbox", body, b, status);
    }

    public async Task<IResult> SignInAsync(HttpContext ctx)
    {
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        if (!IsLocal(returnUrl))
        {
            returnUrl = Base(ctx) + "/";
        }

        if (!SessionStore.CsrfValid(ctx, form))
        {
            return SignInPage(ctx, returnUrl, "The form expired. Please sign in again.", status: 400);
        }

        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        var user = store.Read(d => d.Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)));
        if (user is null || !Secrets.Equal(user.Password, password))
        {
            return SignInPage(ctx, returnUrl, "Incorrect email or password.", status: 401);
        }

        sessions.SignIn(ctx, user.Id, CookiePath);
        return Results.Redirect(returnUrl);
    }

    public IResult SignOut(HttpContext ctx)
    {
        sessions.SignOut(ctx, CookiePath);
        var returnUrl = ctx.Request.Query["returnUrl"].ToString();
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : Base(ctx) + "/");
    }

    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static string LocalUrl(HttpContext ctx) => $"{ctx.Request.PathBase}{ctx.Request.Path}{ctx.Request.QueryString}";

    private IResult ErrorPage(HttpContext ctx, string title, string message, int status) =>
        Html.Page(title, $"<div class=\"card\"><p class=\"error\" role=\"alert\">{Html.E(message)}</p></div>", Base(ctx), status);
}

internal static class Secrets
{
    public static bool Equal(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
