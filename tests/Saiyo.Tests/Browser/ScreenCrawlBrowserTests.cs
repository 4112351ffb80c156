using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Saiyo.Tests.Foundation;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Browser;

/// <summary>
/// Every screen each role reaches (one page of each shape), opened in Chromium in Japanese and English: a screenshot under
/// artifacts/screenshots/&lt;db&gt;/screens/ and axe on it, 0 violations of any impact. One class per role; all of them read
/// the one installation and Chromium of <see cref="RoleCrawlWorld"/>. A page that Chromium renders exactly as a page axe has
/// already checked in that language (another role's, e.g. the 採用担当's 選考会 as the 管理者 sees it) keeps that result:
/// axe's verdict depends only on the DOM and the stylesheet. Each screen's times go to the class's host log.
/// </summary>
public abstract partial class ScreenCrawlBrowserTests(string role, RoleCrawlWorld world)
{
    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task Every_screen_is_photographed_and_passes_axe(string lang)
    {
        var pages = await world.CrawlAsync(role, lang);
        var screens = pages.Where(p => p.Status == HttpStatusCode.OK && SiteCrawler.IsHtml(p))
            .GroupBy(p => SiteCrawler.Shape(p.Url.PathAndQuery)).Select(g => g.First()).ToList();
        Assert.NotEmpty(screens);

        var browser = await world.BrowserAsync();
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
        var axed = 0;
        var started = Stopwatch.GetTimestamp();
        foreach (var screen in screens)
        {
            var shape = SiteCrawler.Shape(screen.Url.PathAndQuery);
            var t0 = Stopwatch.GetTimestamp();
            await page.GotoAsync(world.Zoom.SaiyoUrl + screen.Url.PathAndQuery);
            var t1 = Stopwatch.GetTimestamp();
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, $"{lang}-{role}-{Slug(shape)}.png"), FullPage = true });
            var t2 = Stopwatch.GetTimestamp();
            var key = lang + " " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Unpersonal(await page.ContentAsync()))));
            var seen = world.AxeByPage.TryGetValue(key, out var violations);
            if (!seen)
            {
                violations = await Accessibility.ViolationsAsync(page);
                world.AxeByPage[key] = violations;
                axed++;
            }
            problems.AddRange(violations!.Select(v => $"{screen.Url.PathAndQuery}: {v}"));
            TestHostLog.Mark(string.Create(CultureInfo.InvariantCulture,
                $"screen {lang} {shape}: open {Ms(t0, t1)} ms, screenshot {Ms(t1, t2)} ms, axe {(seen ? "as checked before" : Ms(t2, Stopwatch.GetTimestamp()) + " ms")}"));
        }
        TestHostLog.Mark(string.Create(CultureInfo.InvariantCulture,
            $"screens {role}/{lang}: {screens.Count} screens ({axed} axed here) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        await page.Context.CloseAsync(); // the browser is the whole run's: leave no context open in it
        browser.AssertNoCspViolations();
        Assert.True(problems.Count == 0, $"{role}/{lang}, {screens.Count} screens:\n" + string.Join("\n", problems.Distinct().Take(80)));
    }

    private static long Ms(long from, long to) => (long)Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>The DOM without what differs between two people's sessions of one page: antiforgery tokens and the
    /// signed-in person's name in the header (text only: it changes no element, role, colour or size class).</summary>
    private static string Unpersonal(string html) => UserName().Replace(Token().Replace(html, "value=\"\""), "$1");

    [GeneratedRegex(@"value=""CfDJ8[^""]*""")]
    private static partial Regex Token();

    [GeneratedRegex(@"(<a class=""user-name""[^>]*>)[^<]*")]
    private static partial Regex UserName();

    private static string Slug(string shape)
    {
        var slug = NotWord().Replace(shape.Replace("{id}", "id", StringComparison.Ordinal), "-").Trim('-');
        return slug.Length == 0 ? "home" : slug;
    }

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex NotWord();
}

public sealed class OperatorScreenCrawlBrowserTests(RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("operator", world);

public sealed class AdminScreenCrawlBrowserTests(RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("admin", world);

public sealed class RecruiterScreenCrawlBrowserTests(RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("recruiter", world);

public sealed class InterviewerScreenCrawlBrowserTests(RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("interviewer", world);

public sealed class ApplicantScreenCrawlBrowserTests(RoleCrawlWorld world)
    : ScreenCrawlBrowserTests("applicant", world);
