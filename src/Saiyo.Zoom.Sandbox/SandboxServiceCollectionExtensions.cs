using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Saiyo.Zoom.Sandbox.Webhooks;

namespace Saiyo.Zoom.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>Registers the Zoom sandbox. Uses the <see cref="TimeProvider"/> from DI (System by default) so tests can inject a fake clock.</summary>
    public static IServiceCollection AddZoomSandbox(this IServiceCollection services, Action<ZoomSandboxOptions>? configure = null)
    {
        var builder = services.AddOptions<ZoomSandboxOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookDispatcher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(3));
        services.TryAddSingleton<SandboxStore>();
        services.TryAddSingleton<ZoomSandboxState>();
        services.TryAddSingleton<FaultInjector>();
        services.TryAddSingleton<RateLimiter>();
        services.TryAddSingleton<SessionStore>();
        services.TryAddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
