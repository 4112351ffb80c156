using Microsoft.Playwright;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Browser;

/// <summary>Flows 1 and 3 clicked in Chromium against Saiyo and the Zoom sandbox on real ports.</summary>
public sealed class ZoomLinkageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsDir, name);

    [Fact]
    public async Task Flow1_link_zoom_then_flow3_remove_the_app_in_the_marketplace()
    {
        var page = await browser.NewPageAsync("ja-JP");
        var login = new LoginPage(page, _world.SaiyoUrl);
        await login.OpenAsync();
        await login.SignInAsync(Demo.AdminEmail, Demo.Password, "メールアドレス", "パスワード", "ログイン");

        // Flow 1: 「Web面接連携サービス」 → 認可待ち → 設定 → 認可開始 → Zoom's login → Allow.
        await new AdminShell(page).Navigation.GetByRole(AriaRole.Link, new() { Name = "Web面接連携サービス" }).ClickAsync();
        var integrations = new IntegrationsPage(page);
        await Assertions.Expect(integrations.ZoomStatus).ToHaveTextAsync("未連携");
        await integrations.ChooseAsync("認可待ち", "設定");
        await Assertions.Expect(integrations.ZoomStatus).ToHaveTextAsync("認可待ち");
        await page.ShotAndCheckAsync(Shot("flow1-1-awaiting.png"));
        await integrations.StartAuthorizationAsync("認可開始");

        var zoom = new ZoomPages(page);
        await Assertions.Expect(page.GetByText("Zoom sandbox — not Zoom")).ToBeVisibleAsync();
        await page.ShotAndCheckAsync(Shot("flow1-2-zoom-login.png"));
        await zoom.SignInAsync(ZoomWorld.ZoomAdmin, ZoomWorld.ZoomPassword);
        await page.ShotAndCheckAsync(Shot("flow1-3-zoom-consent.png"));
        await zoom.AllowAsync();

        await Assertions.Expect(page.GetByText("Zoomアカウントを連携しました。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("連携中").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "host1@sandbox.zoom.test" })).ToBeVisibleAsync();
        await page.ShotAndCheckAsync(Shot("flow1-4-linked.png"));

        // Flow 3: Zoom App Marketplace → Manage → Added Apps → Remove.
        await zoom.RemoveAppAsync(_world.SandboxUrl + "/marketplace");
        await page.ShotAndCheckAsync(Shot("flow3-1-removed-in-zoom.png"));
        await page.GotoAsync(_world.SaiyoUrl + "/Integrations");
        await ZoomWorld.EventuallyAsync(async () =>
        {
            await page.ReloadAsync();
            return await integrations.ZoomStatus.TextContentAsync() == "未連携";
        }, "未連携 in Saiyo after Remove");
        await page.ShotAndCheckAsync(Shot("flow3-2-not-linked.png"));
    }

    [Fact]
    public async Task The_linkage_screen_reads_in_english()
    {
        var page = await browser.NewPageAsync("en-US");
        var login = new LoginPage(page, _world.SaiyoUrl);
        await login.OpenAsync();
        await login.SignInAsync(Demo.AdminEmail, Demo.Password, "E-mail address", "Password", "Sign in");
        await page.GotoAsync(_world.SaiyoUrl + "/Integrations");
        var integrations = new IntegrationsPage(page);
        await integrations.ChooseAsync("Awaiting authorization", "Save");
        await Assertions.Expect(integrations.ZoomRow.GetByRole(AriaRole.Button, new() { Name = "Start authorization" })).ToBeVisibleAsync();
        await page.ShotAndCheckAsync(Shot("en-integrations.png"));
    }
}
