using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Saiyo.Zoom.Webhooks;

namespace Saiyo.Zoom.Tests.Client;

/// <summary>The client as Saiyo gets it (real ServiceCollection, AddZoomClient, resilience pipeline) over a <see cref="RecordingHandler"/>.</summary>
internal sealed class ZoomClientHarness : IDisposable
{
    public const string ConnectionKey = "account-1";
    public static readonly Uri TokenApiUrl = new("https://api-eu.zoom.example");

    private readonly ServiceProvider _provider;

    public ZoomClientHarness(Action<ZoomOptions>? configure = null, FakeTimeProvider? time = null, Uri? tokenApiUrl = null)
    {
        Time = time;
        Tokens = new FakeTokenSource(tokenApiUrl ?? TokenApiUrl);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        if (time is not null)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        services.AddSingleton<IZoomTokenSource>(Tokens);
        services.AddZoomClient(o =>
        {
            o.ClientId = "client-id";
            o.ClientSecret = "client-secret";
            o.WebhookSecretToken = "webhook-secret";
            o.RedirectUri = "https://saiyo.example/zoom/callback";
            o.OAuthBaseUrl = new Uri("http://sandbox.example:5000/zoom-sandbox");
            o.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(2);
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => Handler));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _scope = _provider.CreateScope();
    }

    private readonly IServiceScope _scope;

    public RecordingHandler Handler { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public FakeTokenSource Tokens { get; }

    public FakeTimeProvider? Time { get; }

    public IZoomApiClient Api => _scope.ServiceProvider.GetRequiredService<IZoomApiClient>();

    public IZoomOAuthClient OAuth => _provider.GetRequiredService<IZoomOAuthClient>();

    public ZoomWebhookVerifier Verifier => _provider.GetRequiredService<ZoomWebhookVerifier>();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _scope.Dispose();
        _provider.Dispose();
        Handler.Dispose();
    }
}

/// <summary>The caller's token store, reduced to what the client sees.</summary>
internal sealed class FakeTokenSource(Uri apiUrl) : IZoomTokenSource
{
    private int _generation = 1;

    public string Current => $"access-{_generation}";

    public List<string> RejectedTokens { get; } = [];

    public bool ReauthorizationRequired { get; set; }

    public bool RefreshFailsWithReauthorization { get; set; }

    public ValueTask<ZoomAccessToken> GetAccessTokenAsync(string connectionKey, CancellationToken cancellationToken) =>
        ReauthorizationRequired
            ? throw new ZoomReauthorizationRequiredException()
            : ValueTask.FromResult(new ZoomAccessToken(Current, apiUrl));

    public ValueTask<ZoomAccessToken> RefreshAfterRejectionAsync(string connectionKey, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        RejectedTokens.Add(rejectedAccessToken);
        if (RefreshFailsWithReauthorization)
        {
            throw new ZoomReauthorizationRequiredException();
        }

        if (rejectedAccessToken == Current)
        {
            _generation++;
        }

        return ValueTask.FromResult(new ZoomAccessToken(Current, apiUrl));
    }
}

/// <summary>Keeps every formatted log line (all levels, including HttpClient's own logging and Polly's telemetry).</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{structured}] {exception}");
        }
    }
}
