using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.Extensions.Options;
using Saiyo.Zoom;
using Saiyo.Zoom.Sandbox;

namespace Saiyo.Web.Hosting;

/// <summary>
/// Headers on every response (NetEscapades.AspNetCore.SecurityHeaders): a strict Content-Security-Policy (script and
/// style from Saiyo's own files only, no framing), nosniff, X-Frame-Options DENY, Referrer-Policy
/// strict-origin-when-cross-origin (no-referrer on マイページ, whose URL is the applicant's key), HSTS over https.
/// Every cookie is Secure when the request came over https.
/// </summary>
public static class SecurityHeadersSetup
{
    public static IHostApplicationBuilder AddSaiyoSecurityHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSecurityHeaderPolicies((policies, services) =>
        {
            // 「認可開始」 posts to Saiyo, which redirects to Zoom's sign-in: form-action must allow that origin too.
            var zoomOAuth = services.GetRequiredService<IOptions<ZoomOptions>>().Value.OAuthBaseUrl.GetLeftPart(UriPartial.Authority);
            var saiyo = Create(zoomOAuth);
            var myPage = Create(zoomOAuth).AddReferrerPolicyNoReferrer();
            var sandbox = SandboxSecurityHeaders.Create();
            policies.SetDefaultPolicy(saiyo).SetPolicySelector(context =>
                context.HttpContext.Request.Path.StartsWithSegments("/my") ? myPage
                : context.HttpContext.Request.Path.StartsWithSegments(ZoomSetup.SandboxPrefix) ? sandbox
                : context.SelectedPolicy);
        });
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    private static HeaderPolicyCollection Create(string zoomOAuthOrigin) => new HeaderPolicyCollection()
        .AddDefaultSecurityHeaders()
        .AddFrameOptionsDeny()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self();
            csp.AddStyleSrc().Self();
            csp.AddImgSrc().Self();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFrameAncestors().None();
            csp.AddFormAction().Self().From(zoomOAuthOrigin);
        });
}
