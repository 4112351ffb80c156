namespace Saiyo.Zoom;

/// <summary>Settings of the Zoom client, bound from the <c>Zoom</c> configuration section.</summary>
public sealed class ZoomOptions
{
    /// <summary>OAuth app client ID.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>OAuth app client secret. Never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Secret token that signs webhook deliveries. Never logged.</summary>
    public string WebhookSecretToken { get; set; } = "";

    /// <summary>Redirect URI registered with the Zoom app; sent on authorize and code exchange.</summary>
    public string RedirectUri { get; set; } = "";

    /// <summary>OAuth host; a sandbox may carry a path prefix (<c>http://host:port/zoom-sandbox</c>).</summary>
    public Uri OAuthBaseUrl { get; set; } = new(ZoomDefaults.OAuthHost);

    /// <summary>API host used when a token carries no <c>api_url</c>; the client appends <c>/v2</c>.</summary>
    public Uri ApiBaseUrl { get; set; } = new(ZoomDefaults.ApiHost);

    /// <summary>How far a webhook timestamp may be from now (either way) before the delivery is rejected as a replay.</summary>
    public TimeSpan WebhookTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Scopes the Marketplace app is expected to have (informational; see <see cref="ZoomDefaults.Scopes"/>).</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Per-second limits the calls of one account are paced to (see <see cref="IZoomRatePacer"/>).</summary>
    public ZoomRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Retry and timeout settings.</summary>
    public ZoomResilienceOptions Resilience { get; set; } = new();
}

/// <summary>Retry and timeout settings of the Zoom HTTP pipeline (delays and timeouts run on the DI-registered <see cref="TimeProvider"/>).</summary>
public sealed class ZoomResilienceOptions
{
    /// <summary>Retries after the first attempt (idempotent calls, QPS 429, refused connections).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay (exponential with jitter) when Zoom gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A QPS 429 whose Retry-After is longer than this is not waited for: the caller gets <see cref="ZoomErrorKind.RateLimited"/>.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout of a call including its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
