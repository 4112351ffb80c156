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
