using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using netDumbster.smtp;
using Saiyo.Zoom.Sandbox;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// Saiyo node(s) on real loopback ports, a Zoom sandbox on its own port and a real SMTP server,
/// sharing one fake clock: the whole installation as a user and Zoom meet it. Zoom's webhooks go
/// to the first node, as a load balancer would send them to one of them.
/// </summary>
public sealed class ZoomWorld : IAsyncDisposable
{
    public const string SandboxPrefix = "/zoom-sandbox";
    public const string ZoomAdmin = "admin@sandbox.zoom.test";
    public const string ZoomMember = "host1@sandbox.zoom.test";
    public const string OtherZoomAdmin = "admin@other.zoom.test";
    public const string ZoomPassword = "Sandbox-Pass1";

    private WebApplication _sandbox = null!;
    private readonly string _sandboxDir = Path.Combine(Path.GetTempPath(), $"saiyo-world-{Guid.NewGuid():N}");

    public ShiftedClock Clock { get; } = new();
    public TestDatabase Database { get; private set; } = null!;
    public List<(SaiyoAppFactory App, string Url)> Nodes { get; } = [];
    public string SandboxUrl { get; private set; } = "";
    public SimpleSmtpServer Smtp { get; private set; } = null!;
    public HttpClient SandboxControl { get; } = new();

    public string SaiyoUrl => Nodes[0].Url;

    public static async Task<ZoomWorld> StartAsync(int nodes = 1, string plan = "Pro", Action<Dictionary<string, string?>>? settings = null)
    {
        var world = new ZoomWorld();
        world.Database = await TestDatabase.CreateAsync();
        world.Smtp = SimpleSmtpServer.Start(FreePort());
        var ports = Enumerable.Range(0, nodes).Select(_ => FreePort()).ToList();
        var firstUrl = $"http://127.0.0.1:{ports[0]}";

        Directory.CreateDirectory(world._sandboxDir);
        world._sandboxOptions = o =>
        {
            o.PathPrefix = SandboxPrefix;
            o.DatabasePath = Path.Combine(world._sandboxDir, "zoom-sandbox.db");
            o.WebhookUrl = firstUrl + "/webhooks/zoom";
            o.WebhookRetryDelays = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(60)];
            o.Plan = plan;
        };
        world._sandbox = await ZoomSandboxServer.StartAsync("http://127.0.0.1:0", world._sandboxOptions, world.Clock, LogToFile);
        world._sandboxListenUrl = world._sandbox.Urls.First().TrimEnd('/');
        world.SandboxUrl = world._sandboxListenUrl + SandboxPrefix;

        foreach (var port in ports)
        {
            var url = $"http://127.0.0.1:{port}";
            var app = new SaiyoAppFactory(world.Database);
            var s = app.Settings;
            s["Saiyo:PublicBaseUrl"] = url;
            s["Zoom:UseSandbox"] = "false";
            s["Zoom:ClientId"] = "saiyo-sandbox-client";
            s["Zoom:ClientSecret"] = "saiyo-sandbox-secret";
            s["Zoom:WebhookSecretToken"] = WebhookSecret;
            s["Zoom:OAuthBaseUrl"] = world.SandboxUrl;
            s["Zoom:ApiBaseUrl"] = world.SandboxUrl;
            s["Zoom:RedirectUri"] = url + "/Integrations/Zoom/Callback";
            s["Zoom:Resilience:RetryBaseDelay"] = "00:00:00.050";
            s["Smtp:Host"] = "127.0.0.1";
            s["Smtp:Port"] = world.Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s["Smtp:Security"] = "None";
            s["Smtp:PollInterval"] = "00:00:00.200";
            settings?.Invoke(s);
            app.ConfigureTestServices = services =>
            {
                services.AddSingleton<TimeProvider>(world.Clock);
                // Tests that hold a race on EF Core's diagnostic events hear every command: EF skips a busy pooled context's
                // command events for a second after one nobody heard (LoggingCacheTime), e.g. a worker's on PostgreSQL.
                services.ConfigureDbContext<Saiyo.Data.SaiyoDbContext>(o => o.ConfigureLoggingCacheTime(TimeSpan.Zero));
            };
            app.UseKestrel(port);
            app.StartServer();
            world.Nodes.Add((app, url));
        }
        return world;
    }

    /// <summary>A browser on node <paramref name="node"/>; it follows redirects to the sandbox and back (unless told not to leave Saiyo).</summary>
    public SaiyoClient Browser(int node = 0, string language = "ja", CookieContainer? cookies = null, bool followOtherHosts = true)
    {
        var handler = new BrowserLikeHandler(cookies ?? new CookieContainer())
        {
            FollowOtherHosts = followOtherHosts,
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri(Nodes[node].Url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return new SaiyoClient(http, handler.Cookies);
    }

    /// <summary>Flow 1 as the admin clicks it: 認可待ち → 設定 → 認可開始 → Zoom sign-in → Allow → back in Saiyo.</summary>
    public static async Task<HtmlPage> LinkZoomAsync(SaiyoClient admin, string zoomEmail = ZoomAdmin)
    {
        var consent = await StartAuthorizationAsync(admin, zoomEmail);
        return await admin.ClickAsync(consent, "Allow");
    }

    /// <summary>Up to Zoom's consent page (or whatever Zoom shows after sign-in).</summary>
    public static async Task<HtmlPage> StartAuthorizationAsync(SaiyoClient admin, string zoomEmail = ZoomAdmin)
    {
        var page = await admin.GetAsync("/Integrations");
        if (page.Document.QuerySelector("form[action*='handler=Status']") is not null)
            page = await admin.SubmitAsync(page, new Dictionary<string, string> { ["WantedStatus"] = "AwaitingAuthorization" }, "form[action*='handler=Status']");
        var login = await admin.SubmitAsync(page, formSelector: "form[action*='handler=Authorize']");
        Assert.Contains("Zoom sandbox", login.Text);
        // Zoom remembers a signed-in browser and goes straight to the consent page.
        if (login.Document.QuerySelectorAll("button").Any(b => b.TextContent.Trim() == "Allow")) return login;
        return await admin.ClickAsync(login, "Sign In", new Dictionary<string, string> { ["email"] = zoomEmail, ["password"] = ZoomPassword });
    }

    /// <summary>Zoom becomes unreachable (connections refused) for the rest of the test.</summary>
    public async Task StopSandboxAsync()
    {
        if (_sandboxStopped) return;
        _sandboxStopped = true;
        await _sandbox.DisposeAsync();
    }

    private bool _sandboxStopped;
    private Action<ZoomSandboxOptions> _sandboxOptions = null!;
    private string _sandboxListenUrl = "";

    /// <summary>Zoom is back after <see cref="StopSandboxAsync"/>: same address, same state (its database file).</summary>
    public async Task RestartSandboxAsync()
    {
        if (!_sandboxStopped) return;
        _sandbox = await ZoomSandboxServer.StartAsync(_sandboxListenUrl, _sandboxOptions, Clock, LogToFile);
        _sandboxStopped = false;
    }

    public async Task<JsonObject> SandboxStateAsync() =>
        JsonNode.Parse(await SandboxControl.GetStringAsync(SandboxUrl + "/_sandbox/state"))!.AsObject();

    public async Task<HttpResponseMessage> SandboxPostAsync(string path, string? json = null) =>
        await SandboxControl.PostAsync(SandboxUrl + "/_sandbox/" + path, json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public async Task<HttpResponseMessage> SandboxPutFaultAsync(string scope, string json) =>
        await SandboxControl.PutAsync(SandboxUrl + "/_sandbox/faults/" + scope, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public const string WebhookSecret = "saiyo-sandbox-webhook-secret";

    /// <summary>Posts <paramref name="body"/> to Saiyo's webhook endpoint signed as Zoom signs it (or with another secret/timestamp).</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string secret = WebhookSecret, DateTimeOffset? timestamp = null, int node = 0)
    {
        var ts = (timestamp ?? Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sig = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, Nodes[node].Url + "/webhooks/zoom") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-zm-request-timestamp", ts);
        request.Headers.Add("x-zm-signature", "v0=" + sig);
        return await SandboxControl.SendAsync(request);
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; background work runs on wall-clock timers. The bound is
    /// generous because the suite shares 2 cores with other work: it only decides how long a failing test takes.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        Microsoft.Playwright.PlaywrightException? last = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Microsoft.Playwright.PlaywrightException ex)
            {
                // A poll that reloads a page can meet Chromium between documents under load ("Not attached to an active
                // page"): that attempt says "not yet"; a condition that keeps failing still fails the test, with the error.
                last = ex;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting for: {what}" + (last is null ? "" : $" (last browser error: {last.Message})"));
    }

    // The sandbox's logs go where the Saiyo nodes' go (its appsettings would print Information to the console).
    private static void LogToFile(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestHostLog("sandbox"));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (app, _) in Nodes) await app.DisposeAsync();
        await StopSandboxAsync();
        Smtp.Dispose();
        SandboxControl.Dispose();
        await Database.DisposeAsync();
        try { Directory.Delete(_sandboxDir, true); } catch (IOException) { }
    }
}
