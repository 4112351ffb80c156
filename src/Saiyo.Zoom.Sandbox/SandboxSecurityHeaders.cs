using Microsoft.AspNetCore.Builder;

namespace Saiyo.Zoom.Sandbox;

/// <summary>
/// The sandbox pages' headers: a strict CSP (no script at all, styles from sandbox.css only) and the usual defaults.
/// Forms may post anywhere: the consent page's answer redirects to the app's redirect URI, on another origin.
/// </summary>
public static class SandboxSecurityHeaders
{
    public static HeaderPolicyCollection Create() => new HeaderPolicyCollection()
        .AddDefaultSecurityHeaders()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().None();
            csp.AddStyleSrc().Self();
            csp.AddImgSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFrameAncestors().None();
        });
}
