using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Saiyo.Zoom.Sandbox;

/// <summary>Starts the sandbox on its own Kestrel port: for tests, benchmarks and multi-node set-ups.</summary>
public static class ZoomSandboxServer
{
    /// <summary>Starts on <paramref name="url"/> (port 0 picks a free one); read the bound address from <c>app.Urls</c>.</summary>
    /// <param name="configureBuilder">Last say over the host before it is built (e.g. logging off in tests).</param>
    public static async Task<WebApplication> StartAsync(string url, Action<ZoomSandboxOptions> configure, TimeProvider? time = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null) builder.Services.AddSingleton(time);
        configureBuilder?.Invoke(builder);
        builder.Services.AddZoomSandbox(configure);
        var app = builder.Build();
        app.UseSecurityHeaders(SandboxSecurityHeaders.Create());
        app.MapZoomSandbox();
        await app.StartAsync();
        return app;
    }
}
