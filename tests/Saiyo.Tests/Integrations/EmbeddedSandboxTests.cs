using System.Net;
using System.Text.Json.Nodes;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Integrations;

/// <summary>The embedded default: one process serves Saiyo and the Zoom sandbox, and Saiyo calls it over HTTP as it would call zoom.us.</summary>
public sealed class EmbeddedSandboxTests
{
    [Fact]
    public async Task One_process_links_zoom_through_its_own_sandbox_and_hears_the_marketplace_removal()
    {
        await using var db = await TestDatabase.CreateAsync();
        var port = ZoomWorld.FreePort();
        var url = $"http://127.0.0.1:{port}";
        await using var app = new SaiyoAppFactory(db);
        app.Settings["Saiyo:PublicBaseUrl"] = url; // what scripts/run.sh derives from ASPNETCORE_URLS
        app.UseKestrel(port);
        app.StartServer();

        var cookies = new CookieContainer();
        var handler = new BrowserLikeHandler(cookies) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } };
        var admin = new SaiyoClient(new HttpClient(handler) { BaseAddress = new Uri(url) }, cookies);
        await admin.SignInAsync(Demo.AdminEmail);

        var linked = await ZoomWorld.LinkZoomAsync(admin);
        Assert.Contains("Zoomアカウントを連携しました。", linked.Text);

        using var control = new HttpClient();
        var state = JsonNode.Parse(await control.GetStringAsync(url + "/zoom-sandbox/_sandbox/state"))!;
        var account = state["installations"]![0]!["account_id"]!.GetValue<string>();
        using var removed = await control.PostAsync($"{url}/zoom-sandbox/_sandbox/accounts/{account}/deauthorize", null);
        Assert.True(removed.IsSuccessStatusCode);

        await ZoomWorld.EventuallyAsync(async () =>
            (await admin.GetAsync("/Integrations")).Document.QuerySelector("tr[data-provider=Zoom] .badge")!.GetAttribute("data-status") == "NotLinked",
            "未連携 after the sandbox's app_deauthorized reached the same process");
    }
}
