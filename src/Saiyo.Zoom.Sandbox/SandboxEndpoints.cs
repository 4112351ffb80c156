using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Saiyo.Zoom.Sandbox;

public static class SandboxEndpoints
{
    /// <summary>Maps the Zoom sandbox under <paramref name="prefix"/>.</summary>
    public static IEndpointRouteBuilder MapZoomSandbox(this IEndpointRouteBuilder app, string prefix = "/zoom-sandbox")
    {
        app.MapGet(prefix, () => "Zoom sandbox — not Zoom");
        return app;
    }
}
