using Microsoft.Playwright;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Browser;

public sealed class SignInBrowserTests(BrowserFixture browser, LiveSaiyo saiyo) : IClassFixture<BrowserFixture>, IClassFixture<LiveSaiyo>
{
    [Fact]
    public async Task Demo_admin_signs_in_in_japanese_then_switches_to_english()
    {
        var page = await browser.NewPageAsync("ja-JP");
        var login = new LoginPage(page, saiyo.BaseUrl);
        var shell = new AdminShell(page);

        await login.OpenAsync();
        await login.SignInAsync(Demo.AdminEmail, "wrong-Password1", "メールアドレス", "パスワード", "ログイン");
        await Assertions.Expect(page.GetByText("メールアドレスまたはパスワードが正しくありません。")).ToBeVisibleAsync();
        await page.ShotAndCheckAsync(Path.Combine(BrowserFixture.ArtifactsDir, "ja-login-error.png"));

        await login.SignInAsync(Demo.AdminEmail, Demo.Password, "メールアドレス", "パスワード", "ログイン");
        await Assertions.Expect(shell.Heading).ToHaveTextAsync(Demo.CompanyName);
        await Assertions.Expect(shell.Navigation.GetByRole(AriaRole.Link, new() { Name = "Web面接連携サービス" })).ToBeVisibleAsync();
        await page.ShotAndCheckAsync(Path.Combine(BrowserFixture.ArtifactsDir, "ja-dashboard.png"));

        await shell.SwitchLanguageAsync("en");
        await Assertions.Expect(shell.Navigation.GetByRole(AriaRole.Link, new() { Name = "Web-interview linkage services" })).ToBeVisibleAsync();
        await page.ShotAndCheckAsync(Path.Combine(BrowserFixture.ArtifactsDir, "en-dashboard.png"));

        // The choice is remembered on the next page.
        await shell.Navigation.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Time zone")).ToBeVisibleAsync();
        await page.ShotAndCheckAsync(Path.Combine(BrowserFixture.ArtifactsDir, "en-settings.png"));
    }

    [Fact]
    public async Task An_english_browser_signs_in_in_english()
    {
        var page = await browser.NewPageAsync("en-US");
        var login = new LoginPage(page, saiyo.BaseUrl);
        await login.OpenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the admin screen" })).ToBeVisibleAsync();
        await page.ShotAndCheckAsync(Path.Combine(BrowserFixture.ArtifactsDir, "en-login.png"));
        await login.SignInAsync(Demo.RecruiterEmail, Demo.Password, "E-mail address", "Password", "Sign in");
        await Assertions.Expect(new AdminShell(page).Heading).ToHaveTextAsync(Demo.CompanyName);
        await page.SetViewportSizeAsync(390, 844);
        await page.ShotAndCheckAsync(Path.Combine(BrowserFixture.ArtifactsDir, "en-dashboard-mobile.png"));
    }
}
