using Microsoft.Playwright;

namespace Saiyo.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download). scripts/test.sh installs Chromium
/// and sets PLAYWRIGHT_CHROMIUM_EXECUTABLE; without it (a quick local run) the browser tests skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    public IBrowser? Browser { get; private set; }
    public string? SkipReason { get; private set; }

    public static string ArtifactsDir => Infrastructure.Artifacts.Dir("screenshots");

    public async ValueTask InitializeAsync()
    {
        var exe = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") ?? "/usr/bin/chromium";
        var required = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is not null;
        if (!File.Exists(exe))
        {
            if (required) throw new InvalidOperationException($"Chromium not found at {exe}");
            SkipReason = $"Chromium not found at {exe}; scripts/test.sh installs it.";
            return;
        }
        _playwright = await Playwright.CreateAsync();
        // Playwright's defaults (5 s for an Expect, 30 s for an action or a navigation) run out when the suite shares two
        // cores with other work; the bounds are generous because they only decide how long a failing test takes.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = exe,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>
    /// A fresh context (no cookies); <paramref name="timezoneId"/> for a browser elsewhere than the company.
    /// Every page runs under the real Content-Security-Policy: a violation Chromium reports in the console fails the
    /// test class (at the next page, and at the latest when the fixture is disposed).
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale, string? timezoneId = null)
    {
        if (Browser is null) Assert.Skip(SkipReason ?? "no browser");
        AssertNoCspViolations();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, TimezoneId = timezoneId, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                _cspViolations.Enqueue($"{message.Location}: {message.Text}");
        };
        return await context.NewPageAsync();
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cspViolations = new();

    /// <summary>Fails when any page of this fixture reported a Content-Security-Policy violation.</summary>
    public void AssertNoCspViolations() =>
        Assert.True(_cspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join("\n", _cspViolations));

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        AssertNoCspViolations();
    }
}
