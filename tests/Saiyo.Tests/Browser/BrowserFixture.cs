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

    public static string ArtifactsDir
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("SAIYO_TEST_ARTIFACTS") ?? Path.Combine(FindRepoRoot(), "artifacts");
            var db = Infrastructure.TestDatabase.IsPostgres ? "postgresql" : "sqlite";
            var path = Path.Combine(dir, "screenshots", db);
            Directory.CreateDirectory(path);
            return path;
        }
    }

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

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Saiyo.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
