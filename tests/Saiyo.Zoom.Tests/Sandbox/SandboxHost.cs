using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Saiyo.Zoom.Sandbox;

namespace Saiyo.Zoom.Tests.Sandbox;

/// <summary>A Zoom sandbox on a real Kestrel port with a fake clock, a temp database and a webhook receiver; intent methods for tests.</summary>
public sealed partial class SandboxHost : IAsyncDisposable
{
    public const string Prefix = "/zoom-sandbox";
    public const string RedirectUri = "http://localhost:5999/zoom/callback";
    public const string Password = "Sandbox-Pass1";

    private WebApplication _app = null!;

    private SandboxHost(FakeTimeProvider clock, string databasePath, WebhookReceiver receiver)
    {
        Clock = clock;
        DatabasePath = databasePath;
        Webhooks = receiver;
    }

    public FakeTimeProvider Clock { get; }
    public string DatabasePath { get; }
    public WebhookReceiver Webhooks { get; }
    public ZoomSandboxOptions Options { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string ApiBase => BaseUrl + "/v2";
    public HttpClient Http { get; } = new();
    public IServiceProvider Services => _app.Services;

    public static async Task<SandboxHost> StartAsync(Action<ZoomSandboxOptions>? configure = null, DateTimeOffset? now = null, string? databasePath = null, WebhookReceiver? receiver = null)
    {
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        receiver ??= await WebhookReceiver.StartAsync();
        var host = new SandboxHost(clock, databasePath ?? Path.Combine(Path.GetTempPath(), "zsb-" + Guid.NewGuid().ToString("N"), "zoom-sandbox.db"), receiver);
        await host.StartAppAsync(configure);
        return host;
    }

    /// <summary>Stops and starts the sandbox on the same database (a new port).</summary>
    public async Task RestartAsync()
    {
        await _app.DisposeAsync();
        await StartAppAsync(null);
    }

    private async Task StartAppAsync(Action<ZoomSandboxOptions>? configure)
    {
        _app = await ZoomSandboxServer.StartAsync("http://127.0.0.1:0", o =>
        {
            o.DatabasePath = DatabasePath;
            o.WebhookUrl = Webhooks.Url;
            o.RedirectUris = [RedirectUri];
            o.WebhookRetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];
            configure?.Invoke(o);
        }, Clock, b => b.Logging.ClearProviders());
        Options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ZoomSandboxOptions>>().Value;
        BaseUrl = _app.Urls.First().TrimEnd('/') + Prefix;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await Webhooks.DisposeAsync();
        Http.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // ---- browser-like client -------------------------------------------------------------------------

    /// <summary>A cookie-keeping client that does not follow redirects (like a browser whose redirects we inspect).</summary>
    public static HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\">(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormTag();

    /// <summary>The form on the page whose body contains <paramref name="marker"/> (a button label), with its hidden fields.</summary>
    public static (string Action, Dictionary<string, string> Fields) Form(string html, string marker)
    {
        foreach (Match f in FormTag().Matches(html))
        {
            if (!f.Groups[2].Value.Contains(marker, StringComparison.Ordinal))
            {
                continue;
            }

            var fields = HiddenInput().Matches(f.Groups[2].Value).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
            return (WebUtility.HtmlDecode(f.Groups[1].Value), fields);
        }

        throw new InvalidOperationException($"No form with '{marker}' on the page:\n{html}");
    }

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string html, string marker, params (string Key, string Value)[] extra)
    {
        var (action, fields) = Form(html, marker);
        foreach (var (k, v) in extra)
        {
            fields[k] = v;
        }

        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Follows one local redirect and returns the page.</summary>
    public async Task<string> FollowAsync(HttpClient browser, HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        var url = location.IsAbsoluteUri ? location.ToString() : new Uri(new Uri(BaseUrl), location).ToString();
        using var page = await browser.GetAsync(url);
        return await page.Content.ReadAsStringAsync();
    }

    public async Task<string> SignInAsync(HttpClient browser, string pageUrl, string email)
    {
        var page = await browser.GetStringAsync(pageUrl);
        var response = await SubmitAsync(browser, page, "Sign In", ("email", email), ("password", Password));
        return await FollowAsync(browser, response);
    }

    // ---- OAuth ---------------------------------------------------------------------------------------

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (verifier, challenge);
    }

    public string AuthorizeUrl(string challenge, string state = "st-123", string? clientId = null, string redirectUri = RedirectUri) =>
        $"{BaseUrl}/oauth/authorize?response_type=code&client_id={Uri.EscapeDataString(clientId ?? Options.ClientId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}&state={state}&code_challenge={challenge}&code_challenge_method=S256";

    /// <summary>Signs in as <paramref name="email"/>, clicks Allow (or Deny), returns the redirect to redirect_uri.</summary>
    public async Task<Uri> AuthorizeAsync(string email, string challenge, string button = "Allow")
    {
        using var browser = Browser();
        var consent = await SignInAsync(browser, AuthorizeUrl(challenge), email);
        var response = await SubmitAsync(browser, consent, $">{button}<", ("decision", button.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    public static string Query(Uri uri, string key) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue(key, out var v) ? v.ToString() : "";

    public async Task<HttpResponseMessage> TokenRequestAsync(params (string Key, string Value)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/oauth/token")
        {
            Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Options.ClientId}:{Options.ClientSecret}")));
        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> ExchangeAsync(string code, string verifier) =>
        await TokenRequestAsync(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri), ("code_verifier", verifier));

    /// <summary>Installs the app on account A as its admin and returns the token response.</summary>
    public async Task<Tokens> LinkAsync(string email = "admin@sandbox.zoom.test")
    {
        var (verifier, challenge) = Pkce();
        var redirect = await AuthorizeAsync(email, challenge);
        using var response = await ExchangeAsync(Query(redirect, "code"), verifier);
        var json = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return new Tokens(json["access_token"]!.GetValue<string>(), json["refresh_token"]!.GetValue<string>(), json);
    }

    public sealed record Tokens(string Access, string Refresh, JsonObject Raw);

    // ---- API -----------------------------------------------------------------------------------------

    public async Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, ApiBase + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Http.SendAsync(request);
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException("no JSON: " + text);
    }

    public async Task<JsonObject> CreateMeetingAsync(string token, string userId = "me", object? body = null)
    {
        using var response = await ApiAsync(HttpMethod.Post, $"/users/{userId}/meetings", token, body ?? new { topic = "Interview", type = 2, start_time = "2026-04-01T10:00:00Z", duration = 30 });
        var json = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json;
    }

    public async Task<JsonObject> StateAsync() => (await Http.GetFromJsonAsync<JsonObject>(BaseUrl + "/_sandbox/state"))!;

    public async Task SetFaultAsync(string scope, object fault)
    {
        using var response = await Http.PutAsJsonAsync($"{BaseUrl}/_sandbox/faults/{scope}", fault);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<string> UserIdAsync(string email) =>
        (await StateAsync())["users"]!.AsArray().First(u => u!["email"]!.GetValue<string>() == email)!["id"]!.GetValue<string>();

    /// <summary>Waits (wall clock, a generous bound for a busy machine) until the webhook receiver has got
    /// <paramref name="count"/> requests matching the event.</summary>
    public async Task<List<WebhookReceiver.Received>> WaitForWebhooksAsync(string eventName, int count = 1)
    {
        for (var until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until;)
        {
            var got = Webhooks.Requests.Where(r => r.Event == eventName).ToList();
            if (got.Count >= count)
            {
                return got;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{eventName} x{count} not received; got: {string.Join(", ", Webhooks.Requests.Select(r => r.Event))}");
    }
}

/// <summary>A tiny app that receives webhooks, answers a scripted status and answers URL validation.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication _app = null!;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Statuses to answer, in order; when empty, 200.</summary>
    public ConcurrentQueue<int> Script { get; } = new();

    public string SecretToken { get; set; } = "saiyo-sandbox-webhook-secret";

    public string Url { get; private set; } = "";

    public sealed record Received(string Event, string Body, string Timestamp, string Signature, int Answered);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var r = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        r._app = builder.Build();
        r._app.MapPost("/zoom/webhook", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            var evt = JsonNode.Parse(body)!["event"]!.GetValue<string>();
            var status = r.Script.TryDequeue(out var s) ? s : 200;
            r.Requests.Enqueue(new Received(evt, body, ctx.Request.Headers["x-zm-request-timestamp"].ToString(), ctx.Request.Headers["x-zm-signature"].ToString(), status));
            if (evt == "endpoint.url_validation" && status == 200)
            {
                var plain = JsonNode.Parse(body)!["payload"]!["plainToken"]!.GetValue<string>();
                var encrypted = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(r.SecretToken), Encoding.UTF8.GetBytes(plain)));
                return Results.Json(new { plainToken = plain, encryptedToken = encrypted });
            }

            return Results.StatusCode(status);
        });
        await r._app.StartAsync();
        r.Url = r._app.Urls.First().TrimEnd('/') + "/zoom/webhook";
        return r;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
