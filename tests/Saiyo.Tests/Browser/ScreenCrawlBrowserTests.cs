using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Saiyo.Tests.Foundation;

namespace Saiyo.Tests.Browser;

/// <summary>
/// Every screen each role reaches (one page of each shape), opened in Chromium in Japanese and English: a screenshot under
/// artifacts/screenshots/&lt;db&gt;/screens/ and axe on it, 0 violations of any impact. One class per role, each with its own
/// installation and browser, so that xunit runs the roles side by side (the crawl was the suite's longest class).
/// </summary>
public abstract partial class ScreenCrawlBrowserTests(string role, BrowserFixture browser, RoleCrawlWorld world)
{
    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task Every_screen_is_photographed_and_passes_axe(string lang)
    {
        var pages = await world.CrawlAsync(role, lang);
        var screens = pages.Where(p => p.Status == HttpStatusCode.OK && Infrastructure.SiteCrawler.IsHtml(p))
            .GroupBy(p => Infrastructure.SiteCrawler.Shape(p.Url.PathAndQuery)).Select(g => g.First()).ToList();
        Assert.NotEmpty(screens);

        var page = await browser.NewPageAsync(lang == "ja" ? "ja-JP" : "en-US");
        // The crawl's session, handed to the browser as a person's cookies.
        var origin = new Uri(world.Zoom.SaiyoUrl);
        await page.Context.AddCookiesAsync(world.CookiesOf(role, lang).GetCookies(origin).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = origin.Host, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure,
        }));
        var dir = Path.Combine(BrowserFixture.ArtifactsDir, "screens");
        Directory.CreateDirectory(dir);

        var problems = new List<string>();
        foreach (var screen in screens)
        {
            await page.GotoAsync(world.Zoom.SaiyoUrl + screen.Url.PathAndQuery);
            var name = $"{lang}-{role}-{Slug(Infrastructure.SiteCrawler.Shape(screen.Url.PathAndQuery))}.png";
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name), FullPage = true });
            problems.AddRange((await Accessibility.ViolationsAsync(page)).Select(v => $"{screen.Url.PathAndQuery}: {v}"));
        }
        Assert.True(problems.Count == 0, $"{role}/{lang}, {screens.Count} screens:\n" + string.Join("\n", problems.Distinct().Take(80)));
    }

    private static string Slug(string shape)
    {
        var slug = NotWord().Replace(shape.Replace("{id}", "id", StringComparison.Ordinal), "-").Trim('-');
        return slug.Length == 0 ? "home" : slug;
    }

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex NotWord();
}

public sealed class OperatorScreenCrawlBrowserTests(BrowserFixture browser, RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("operator", browser, world), IClassFixture<BrowserFixture>, IClassFixture<RoleCrawlWorld>;

public sealed class AdminScreenCrawlBrowserTests(BrowserFixture browser, RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("admin", browser, world), IClassFixture<BrowserFixture>, IClassFixture<RoleCrawlWorld>;

public sealed class RecruiterScreenCrawlBrowserTests(BrowserFixture browser, RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("recruiter", browser, world), IClassFixture<BrowserFixture>, IClassFixture<RoleCrawlWorld>;

public sealed class InterviewerScreenCrawlBrowserTests(BrowserFixture browser, RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("interviewer", browser, world), IClassFixture<BrowserFixture>, IClassFixture<RoleCrawlWorld>;

public sealed class ApplicantScreenCrawlBrowserTests(BrowserFixture browser, RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("applicant", browser, world), IClassFixture<BrowserFixture>, IClassFixture<RoleCrawlWorld>;
