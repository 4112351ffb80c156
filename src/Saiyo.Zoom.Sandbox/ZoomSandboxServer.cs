using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Saiyo.Zoom.Sandbox;

/// <summary>Starts the sandbox on its own Kestrel port: for tests, benchmarks and multi-node set-ups.</summary>
public static class ZoomSandboxServer
{
    /// <summary>Starts on <paramref name="url"/> (port 0 picks a free one); read the bound address from <c>app.Urls</c>.</summary>
    public static async Task<WebApplication> StartAsync(string url, Action<ZoomSandboxOptions> configure, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Services.AddZoomSandbox(configure);
        var app = builder.Build();
        app.MapZoomSandbox();
        await app.StartAsync();
        return app;
    }
}
