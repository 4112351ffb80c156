using Microsoft.Playwright;

namespace Saiyo.Tests.Browser;

/// <summary>Page object for the admin sign-in, by role and label as a person sees it.</summary>
public sealed class LoginPage(IPage page, string baseUrl)
{
    public async Task OpenAsync() => await page.GotoAsync(baseUrl + "/Account/Login");

    public async Task SignInAsync(string email, string password, string emailLabel, string passwordLabel, string button)
    {
        await page.GetByLabel(emailLabel).FillAsync(email);
        await page.GetByLabel(passwordLabel, new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }
}

/// <summary>The admin layout's parts shared by every page.</summary>
public sealed class AdminShell(IPage page)
{
    public ILocator Navigation => page.GetByRole(AriaRole.Navigation);
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public async Task SwitchLanguageAsync(string value)
    {
        await page.Locator("#lang-select").SelectOptionAsync(value);
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForFunctionAsync("lang => document.documentElement.lang === lang", value);
    }
}

/// <summary>Saiyo's Web面接連携サービス screen.</summary>
public sealed class IntegrationsPage(IPage page)
{
    public ILocator ZoomRow => page.Locator("tr[data-provider=Zoom]");
    public ILocator ZoomStatus => ZoomRow.Locator(".badge");

    public async Task ChooseAsync(string statusLabel, string saveButton)
    {
        await ZoomRow.GetByLabel(new System.Text.RegularExpressions.Regex(".*")).SelectOptionAsync(new SelectOptionValue { Label = statusLabel });
        await ZoomRow.GetByRole(AriaRole.Button, new() { Name = saveButton, Exact = true }).ClickAsync();
    }

    public async Task StartAuthorizationAsync(string button) =>
        await ZoomRow.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
}

/// <summary>The Zoom sandbox's sign-in, consent and Marketplace pages, as Zoom's own would be clicked.</summary>
public sealed class ZoomPages(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign In" }).ClickAsync();
    }

    public async Task AllowAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

    public async Task RemoveAppAsync(string marketplaceUrl)
    {
        await page.GotoAsync(marketplaceUrl);
        if (await page.GetByLabel("Email").CountAsync() > 0)
            await SignInAsync(Infrastructure.ZoomWorld.ZoomAdmin, Infrastructure.ZoomWorld.ZoomPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Added Apps" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync(); // the confirmation
    }
}
