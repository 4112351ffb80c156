using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Saiyo.Zoom.Sandbox;
using Saiyo.Zoom.Tests.Sandbox;
using Saiyo.Zoom.Webhooks;

namespace Saiyo.Zoom.Tests.Integration;

/// <summary>
/// The real client (ServiceCollection + AddZoomClient, resilience pipeline, real sockets) against the real sandbox
/// (Kestrel on a free port, fake clock, webhook receiver). One instance per test.
/// </summary>
internal sealed class ZoomIntegration : IAsyncDisposable
{
    public const string Key = "sandbox-corp";
    public const string AccountA = "sbxAcctSandboxCorp01";
    public const string Admin = "admin@sandbox.zoom.test";

    private readonly ServiceProvider _provider;
    private readonly IServiceScope _scope;

    private ZoomIntegration(SandboxHost sandbox, Action<ZoomOptions>? configure)
    {
        Sandbox = sandbox;
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders());
        // The client reads "now" from the sandbox's fake clock (token expiry, daily-limit reset, webhook timestamp
        // tolerance) but waits on real timers: a FakeTimeProvider here would freeze every retry delay.
        services.AddSingleton<TimeProvider>(new FollowingClock(sandbox.Clock));
        services.AddSingleton<InMemoryTokenSource>();
        services.AddSingleton<IZoomTokenSource>(sp => sp.GetRequiredService<InMemoryTokenSource>());
        services.AddZoomClient(o =>
        {
            o.OAuthBaseUrl = new Uri(sandbox.BaseUrl);
            o.ApiBaseUrl = new Uri(sandbox.BaseUrl);
            o.ClientId = sandbox.Options.ClientId;
            o.ClientSecret = sandbox.Options.ClientSecret;
            o.WebhookSecretToken = sandbox.Options.WebhookSecretToken;
            o.RedirectUri = SandboxHost.RedirectUri;
            o.Resilience.MaxRetryAttempts = 3;
            o.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(2);
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(15);
            configure?.Invoke(o);
        });
        // Inside the resilience handler: sees every attempt on the wire.
        services.AddHttpClient(ZoomDefaults.ApiHttpClientName).AddHttpMessageHandler(() => new WireTap(Wire));
        services.AddHttpClient(ZoomDefaults.OAuthHttpClientName).AddHttpMessageHandler(() => new WireTap(Wire));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _scope = _provider.CreateScope();
    }

    public static async Task<ZoomIntegration> StartAsync(DateTimeOffset? now = null, Action<ZoomOptions>? configure = null) =>
        new(await SandboxHost.StartAsync(now: now), configure);

    public SandboxHost Sandbox { get; }

    public FakeTimeProvider Clock => Sandbox.Clock;

    public ConcurrentQueue<WireEntry> Wire { get; } = new();

    public IZoomApiClient Api => _scope.ServiceProvider.GetRequiredService<IZoomApiClient>();

    public IZoomOAuthClient OAuth => _provider.GetRequiredService<IZoomOAuthClient>();

    public InMemoryTokenSource Tokens => _provider.GetRequiredService<InMemoryTokenSource>();

    public ZoomWebhookVerifier Verifier => _provider.GetRequiredService<ZoomWebhookVerifier>();

    public ZoomWebhookParser Parser => _provider.GetRequiredService<ZoomWebhookParser>();

    public ZoomSandboxState State => Sandbox.Services.GetRequiredService<ZoomSandboxState>();

    /// <summary>Link flow as Saiyo runs it: authorize URL from the client, sign-in and consent in a cookie-keeping HttpClient, code exchange with the verifier.</summary>
    public async Task<ZoomTokenSet> LinkAsync(string email = Admin, string key = Key)
    {
        var state = "st-" + Guid.NewGuid().ToString("N");
        var request = OAuth.CreateAuthorizationRequest(state);
        Assert.StartsWith(Sandbox.BaseUrl + "/oauth/authorize?", request.Url.AbsoluteUri, StringComparison.Ordinal);

        using var browser = SandboxHost.Browser();
        var consent = await Sandbox.SignInAsync(browser, request.Url.AbsoluteUri, email);
        using var allowed = await SandboxHost.SubmitAsync(browser, consent, ">Allow<", ("decision", "allow"));
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        var callback = allowed.Headers.Location!;
        Assert.StartsWith(SandboxHost.RedirectUri + "?", callback.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(state, SandboxHost.Query(callback, "state"));
        var code = SandboxHost.Query(callback, "code");
        Assert.NotEmpty(code);

        var tokens = await OAuth.ExchangeCodeAsync(code, request.CodeVerifier, CancellationToken.None);
        Assert.True(tokens.IsSuccess, tokens.ToString());
        Tokens.Save(key, tokens.Value);
        return tokens.Value;
    }

    /// <summary>
    /// What a caller does after a create whose outcome is unknown (and whenever a job that creates is run again):
    /// look for the tag first, create only when it is not there, repeat while the outcome stays unknown.
    /// </summary>
    public async Task<ZoomMeeting> ReconcileCreateAsync(string hostUserId, ZoomMeetingRequest request, int maxAttempts = 3)
    {
        ZoomResult<ZoomMeeting>? last = null;
        for (var i = 0; i < maxAttempts; i++)
        {
            var found = await Api.FindMeetingByTagAsync(Key, hostUserId, request.ReconciliationTag!, CancellationToken.None);
            Assert.True(found.IsSuccess, found.ToString());
            if (found.Value is { } existing)
            {
                return existing;
            }

            last = await Api.CreateMeetingAsync(Key, hostUserId, request, CancellationToken.None);
            if (last.IsSuccess)
            {
                return last.Value;
            }

            Assert.True(last.Error.Kind is ZoomErrorKind.OutcomeUnknown or ZoomErrorKind.Transient, last.ToString());
        }

        throw new InvalidOperationException("Could not create the meeting: " + last);
    }

    public async Task<string> UserIdAsync(string email)
    {
        var user = await Api.GetUserAsync(Key, email, CancellationToken.None);
        Assert.True(user.IsSuccess, user.ToString());
        return user.Value.Id;
    }

    public JsonObject Snapshot() => State.Snapshot();

    public List<JsonObject> Meetings(Func<JsonObject, bool>? where = null) =>
        [.. Snapshot()["meetings"]!.AsArray().Select(m => m!.AsObject()).Where(m => where?.Invoke(m) ?? true)];

    public JsonObject Meeting(long id) => Meetings(m => m["id"]!.GetValue<long>() == id).Single();

    public List<JsonObject> MeetingsTagged(string tag) =>
        Meetings(m => !m["deleted"]!.GetValue<bool>() && m["agenda"]!.GetValue<string>().StartsWith($"[ref:{tag}]", StringComparison.Ordinal));

    public List<JsonObject> TokensOf(string accountId) =>
        [.. Snapshot()["tokens"]!.AsArray().Select(t => t!.AsObject()).Where(t => t["account_id"]!.GetValue<string>() == accountId)];

    public List<WireEntry> WireFor(string pathPart) => [.. Wire.Where(w => w.Path.Contains(pathPart, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        _scope.Dispose();
        await _provider.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>"Now" from the fake clock; timers and timestamps from the system, so resilience delays really elapse.</summary>
internal sealed class FollowingClock(FakeTimeProvider clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>One HTTP attempt as the client sent it (inside the retry loop).</summary>
internal sealed record WireEntry(string Method, string Path, int? Status, string? Failure)
{
    public override string ToString() => $"{Method} {Path} -> {Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Failure}";
}

internal sealed class WireTap(ConcurrentQueue<WireEntry> log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath + request.RequestUri.Query;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            log.Enqueue(new WireEntry(request.Method.Method, path, (int)response.StatusCode, null));
            return response;
        }
        catch (Exception ex)
        {
            log.Enqueue(new WireEntry(request.Method.Method, path, null, ex.GetType().Name));
            throw;
        }
    }
}

/// <summary>
/// A caller's token store kept in memory, following the README sketch: single writer (a lock), re-read inside the lock,
/// refresh only if the stored token is still the rejected one, persist the rotated refresh token, forget a dead link.
/// </summary>
internal sealed class InMemoryTokenSource(IZoomOAuthClient oauth) : IZoomTokenSource
{
    private readonly ConcurrentDictionary<string, ZoomTokenSet> _links = new();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private int _rejections;
    private int _refreshes;

    /// <summary>How often the API client reported a rejected access token.</summary>
    public int Rejections => Volatile.Read(ref _rejections);

    /// <summary>How often this source called <see cref="IZoomOAuthClient.RefreshAsync"/>.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    public void Save(string key, ZoomTokenSet tokens) => _links[key] = tokens;

    public ZoomTokenSet? Load(string key) => _links.TryGetValue(key, out var t) ? t : null;

    public ValueTask<ZoomAccessToken> GetAccessTokenAsync(string connectionKey, CancellationToken cancellationToken) =>
        Load(connectionKey) is { } link ? ValueTask.FromResult(link.ToAccessToken()) : throw new ZoomReauthorizationRequiredException();

    public async ValueTask<ZoomAccessToken> RefreshAfterRejectionAsync(string connectionKey, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _rejections);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var link = Load(connectionKey) ?? throw new ZoomReauthorizationRequiredException();
            if (link.AccessToken != rejectedAccessToken)
            {
                return link.ToAccessToken(); // refreshed meanwhile
            }

            Interlocked.Increment(ref _refreshes);
            var result = await oauth.RefreshAsync(link.RefreshToken, cancellationToken);
            if (result.Error?.Kind == ZoomErrorKind.ReauthorizationRequired)
            {
                _links.TryRemove(connectionKey, out _);
                throw new ZoomReauthorizationRequiredException();
            }

            if (!result.IsSuccess)
            {
                throw new HttpRequestException(result.Error.Message);
            }

            Save(connectionKey, result.Value);
            return result.Value.ToAccessToken();
        }
        finally
        {
            _lock.Release();
        }
    }
}
