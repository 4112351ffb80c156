using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Saiyo.Zoom;
using Saiyo.Zoom.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Zoom client.</summary>
public static class ZoomServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IZoomOAuthClient"/>, <see cref="IZoomApiClient"/>, <see cref="ZoomWebhookVerifier"/> and
    /// <see cref="ZoomWebhookParser"/>, with options bound from <paramref name="configuration"/> (the <c>Zoom</c> section).
    /// The caller registers its <see cref="IZoomTokenSource"/> (singleton or scoped: <see cref="IZoomApiClient"/> is scoped,
    /// so a source that uses a DbContext works; background services resolve the client inside a scope).
    /// </summary>
    public static IServiceCollection AddZoomClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ZoomOptions>().Bind(configuration).Validate(IsValid, InvalidOptionsMessage).ValidateOnStart();
        return services.AddZoomClientCore();
    }

    /// <summary>Adds the Zoom client with options set in code.</summary>
    public static IServiceCollection AddZoomClient(this IServiceCollection services, Action<ZoomOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ZoomOptions>().Configure(configure).Validate(IsValid, InvalidOptionsMessage).ValidateOnStart();
        return services.AddZoomClientCore();
    }

    private const string InvalidOptionsMessage =
        "Zoom options are invalid: OAuthBaseUrl and ApiBaseUrl must be absolute http(s) URLs, WebhookTimestampTolerance and "
        + "Resilience timeouts positive (AttemptTimeout at least 10 ms), MaxRetryAttempts 0..10, RateLimits positive with Utilization in (0, 1].";

    private static bool IsValid(ZoomOptions o) =>
        o.OAuthBaseUrl is { IsAbsoluteUri: true, Scheme: "https" or "http" }
        && o.ApiBaseUrl is { IsAbsoluteUri: true, Scheme: "https" or "http" }
        && o.WebhookTimestampTolerance > TimeSpan.Zero
        && o.Resilience is { MaxRetryAttempts: >= 0 and <= 10 }
        && o.Resilience.AttemptTimeout >= TimeSpan.FromMilliseconds(10)
        && o.Resilience.TotalTimeout >= o.Resilience.AttemptTimeout
        && o.Resilience.RetryBaseDelay >= TimeSpan.Zero
        && o.Resilience.MaxRetryAfter >= TimeSpan.Zero
        && o.RateLimits is { Light: > 0, Medium: > 0, Heavy: > 0, Utilization: > 0 and <= 1 };

    private static IServiceCollection AddZoomClientCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IZoomOAuthClient, ZoomOAuthClient>();
        services.TryAddScoped<IZoomApiClient, ZoomApiClient>();
        services.TryAddSingleton<ZoomWebhookVerifier>();
        services.TryAddSingleton<ZoomWebhookParser>();
        services.TryAddTransient<ZoomClientCredentialsHandler>();
        services.TryAddSingleton<IZoomRatePacer, UnpacedZoomCalls>();
        services.TryAddTransient<ZoomPacingHandler>();

        services.AddHttpClient(ZoomDefaults.OAuthHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<ZoomClientCredentialsHandler>()
            .AddResilienceHandler("zoom-oauth", ConfigurePipeline);

        var api = services.AddHttpClient(ZoomDefaults.ApiHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        api.AddResilienceHandler("zoom-api", ConfigurePipeline);
        // Added after the resilience handler, so inside it: every attempt, a retry too, waits for its turn.
        api.AddHttpMessageHandler<ZoomPacingHandler>();

        return services;
    }

    // Total timeout > retry (only what cannot duplicate a change; see ZoomHttp.ShouldRetry) > per-attempt timeout.
    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var settings = services.GetRequiredService<IOptionsMonitor<ZoomOptions>>().CurrentValue.Resilience;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Saiyo.Zoom.Resilience");

        pipeline.AddTimeout(settings.TotalTimeout);
        if (settings.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                Delay = settings.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ZoomHttp.ShouldRetry(args.Outcome, args.Context, settings, time)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: System.Net.HttpStatusCode.TooManyRequests } r ? ZoomHttp.RetryAfter(r.Headers, time) : null),
                OnRetry = args =>
                {
                    ZoomLog.Retrying(logger, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline.AddTimeout(settings.AttemptTimeout);
    }
}
