using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Saiyo.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(Saiyo.Tests.Foundation.RoleCrawlWorld))]

namespace Saiyo.Tests.Foundation;

/// <summary>
/// Every role (operator, 管理者, 採用担当, 面接官, an applicant on the my page) opens every page and link it can reach,
/// in Japanese and in English: no 5xx, no resource key or {0} on screen, and no Japanese on English pages except the
/// names people gave (company, staff, applicants, 選考会…) and content marked lang="ja".
/// </summary>
public sealed partial class RoleCrawlTests(RoleCrawlWorld world)
{
    public static TheoryData<string, string> RolesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in RoleCrawlWorld.Roles)
            foreach (var lang in new[] { "ja", "en" })
                data.Add(role, lang);
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task Every_reachable_page_renders_without_errors_keys_or_the_other_language(string role, string lang)
    {
        var pages = await world.CrawlAsync(role, lang);
        Assert.True(pages.Count >= (role == "applicant" ? 1 : 4), $"{role}/{lang} reached only: {string.Join(", ", pages.Select(p => p.Url.PathAndQuery))}");

        var problems = new List<string>();
        foreach (var page in pages)
            problems.AddRange(Problems(page, lang, world.ProperNames).Select(p => $"{(int)page.Status} {page.Url.PathAndQuery}: {p}"));
        Assert.True(problems.Count == 0, $"{role}/{lang}, {pages.Count} pages:\n" + string.Join("\n", problems.Distinct().Take(80)));
    }

    /// <summary>What is wrong with one page as its reader sees it.</summary>
    internal static IEnumerable<string> Problems(HtmlPage page, string lang, IReadOnlyCollection<string> properNames)
    {
        if ((int)page.Status >= 500) { yield return "server error"; yield break; }
        if (!SiteCrawler.IsHtml(page)) yield break; // a download or a redirect elsewhere
        foreach (var text in VisibleTexts(page.Document))
        {
            if (Placeholder().IsMatch(text)) yield return $"placeholder in «{text}»";
            if (IsResourceKey(text)) yield return $"resource key «{text}»";
            if (lang == "en")
            {
                var rest = properNames.OrderByDescending(n => n.Length).Aggregate(text, (t, name) => t.Replace(name, " ", StringComparison.Ordinal));
                if (Japanese().IsMatch(rest)) yield return $"Japanese on an English page «{text}»";
            }
        }
        if (page.Document.DocumentElement.GetAttribute("lang") != lang) yield return $"html lang is {page.Document.DocumentElement.GetAttribute("lang")}";
    }

    /// <summary>Text nodes and the attributes a person or a screen reader meets; not what people typed into fields.</summary>
    private static IEnumerable<string> VisibleTexts(IDocument document)
    {
        var title = document.Title?.Trim();
        if (!string.IsNullOrEmpty(title)) yield return title;
        foreach (var node in document.Body!.Descendants().OfType<IText>())
        {
            var parent = node.ParentElement;
            if (parent is null || parent.Closest("script, style, textarea, [lang]:not(html)") is { } skipped && (skipped.LocalName is "script" or "style" or "textarea" || skipped.GetAttribute("lang") != document.DocumentElement.GetAttribute("lang")))
                continue;
            // The language switcher names each language in that language.
            if (parent.Closest("#lang-select") is not null) continue;
            var text = Whitespace().Replace(node.Data, " ").Trim();
            if (text.Length > 0) yield return text;
        }
        foreach (var el in document.Body!.QuerySelectorAll("[placeholder], [title], [aria-label], [alt], input[type=submit][value], input[type=button][value]"))
        {
            if (el.Closest("[lang]:not(html)") is { } marked && marked.GetAttribute("lang") != document.DocumentElement.GetAttribute("lang")) continue;
            foreach (var attr in new[] { "placeholder", "title", "aria-label", "alt", "value" })
                if (el.GetAttribute(attr) is { Length: > 0 } v && (attr != "value" || el.LocalName == "input")) yield return v.Trim();
        }
    }

    private static readonly Lazy<HashSet<string>> Keys = new(() =>
    {
        var manager = new ResourceManager("Saiyo.Web.Resources.Localization.SharedResource", typeof(Program).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        return set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
    });

    /// <summary>A known key, or something shaped like one (Area.Name): the localizer shows the key when a string is missing.</summary>
    private static bool IsResourceKey(string text) => Keys.Value.Contains(text) || KeyShape().IsMatch(text);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)+$")]
    private static partial Regex KeyShape();

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}\u3000-\u303F\uFF01-\uFF60]")]
    private static partial Regex Japanese();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>One installation with Zoom linked and something on every screen: a 選考会 with a Zoom イベント and a booked 日程,
/// an interviewer assigned, an applicant with a my page. Arranged over HTTP as the admin clicks it.
/// One for the whole assembly, started by the first test that needs it: the HTTP crawl (<see cref="RoleCrawlTests"/>) and the
/// five browser crawls (ScreenCrawlBrowserTests) read the same pages, each role and language crawled once, in one Chromium.</summary>
public sealed class RoleCrawlWorld : IAsyncLifetime
{
    public static readonly string[] Roles = ["operator", "admin", "recruiter", "interviewer", "applicant"];

    public ZoomWorld Zoom { get; private set; } = null!;
    public string InterviewerEmail { get; private set; } = "";
    /// <summary>The my page of an applicant who reads Japanese ("ja") and of one who reads English ("en").</summary>
    public Dictionary<string, string> MyPagePaths { get; } = new();

    /// <summary>Names people gave things; they stay as typed on English pages.</summary>
    public List<string> ProperNames { get; } =
    [
        Demo.CompanyName, "管理 花子", "採用 一郎", "運営 太郎", "面接 次郎", "山田 太郎", "やまだ たろう", "一次面接", "個別面接",
        .. Saiyo.Web.Interviews.SelectionFlowDefaults.Steps,
        "日本語", // the language switcher's own name of Japanese
        "採", "採用", // the brand: Saiyo 採用
    ];

    private readonly ConcurrentDictionary<(string, string), Lazy<Task<IReadOnlyList<HtmlPage>>>> _crawls = new();
    private readonly ConcurrentDictionary<(string, string), CookieContainer> _cookies = new();
    private readonly Lazy<Task> _started;
    private readonly Lazy<Task<Browser.BrowserFixture>> _browser = new(async () =>
    {
        var browser = new Browser.BrowserFixture();
        await browser.InitializeAsync();
        return browser;
    });

    public RoleCrawlWorld() => _started = new(StartAsync);

    /// <summary>The session the crawl of <paramref name="role"/> in <paramref name="lang"/> used (after <see cref="CrawlAsync"/>).</summary>
    public CookieContainer CookiesOf(string role, string lang) => _cookies[(role, lang)];

    /// <summary>The one Chromium of the screen crawls (launched at the first call).</summary>
    public Task<Browser.BrowserFixture> BrowserAsync() => _browser.Value;

    /// <summary>Axe's violations per page as Chromium rendered it (language and DOM), for pages met again by another role.</summary>
    public ConcurrentDictionary<string, List<string>> AxeByPage { get; } = new(StringComparer.Ordinal);

    // Nothing at the assembly's start: a run of other classes must not pay for this installation.
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private async Task StartAsync()
    {
        Zoom = await ZoomWorld.StartAsync();
        var admin = Zoom.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(admin)).Path);
        var meeting = await admin.CreateSelectionMeetingAsync("一次面接");
        var evt = await admin.AddEventAsync(meeting, "個別面接", ZoomWorld.ZoomMember);
        var schedule = await admin.CreateShownScheduleAsync(evt, SelectionSetup.TokyoDate(Zoom.Clock, 3), "10:00", "10:30");
        await admin.CreateShownScheduleAsync(evt, SelectionSetup.TokyoDate(Zoom.Clock, 4), "14:00", "14:45");
        var (interviewerId, interviewerEmail) = await admin.AddStaffAsync("面接 次郎");
        InterviewerEmail = interviewerEmail;
        await admin.AssignInterviewersAsync("Events", evt, interviewerId);
        var applicant = await admin.CreateApplicantAsync("山田 太郎", "taro.yamada@example.test", kana: "やまだ たろう");
        await admin.InviteAsync(applicant, meeting);
        MyPagePaths["ja"] = await admin.SendMyPageLinkAsync(applicant);
        await admin.ProxyBookAsync(schedule, applicant);
        var english = await admin.CreateApplicantAsync("Emily Clark", "emily.clark@example.test", language: "en");
        await admin.InviteAsync(english, meeting);
        MyPagePaths["en"] = await admin.SendMyPageLinkAsync(english);
    }

    /// <summary>The pages <paramref name="role"/> reaches in <paramref name="lang"/>; crawled once for every test that asks.</summary>
    public async Task<IReadOnlyList<HtmlPage>> CrawlAsync(string role, string lang)
    {
        await _started.Value;
        return await _crawls.GetOrAdd((role, lang), key => new(() => CrawlOnceAsync(key.Item1, key.Item2))).Value;
    }

    private async Task<IReadOnlyList<HtmlPage>> CrawlOnceAsync(string role, string lang)
    {
        var cookies = new CookieContainer();
        var start = "/";
        if (role == "applicant") start = MyPagePaths[lang]; // the my page speaks the applicant's language
        else
        {
            var (email, password) = role switch
            {
                "operator" => (Demo.OperatorEmail, Demo.Password),
                "admin" => (Demo.AdminEmail, Demo.Password),
                "recruiter" => (Demo.RecruiterEmail, Demo.Password),
                _ => (InterviewerEmail, InterviewerSetup.Password),
            };
            var signedIn = await Zoom.Browser(language: lang, cookies: cookies).SignInAsync(email, password);
            Assert.True(signedIn.Status == HttpStatusCode.OK && !signedIn.Path.StartsWith("/Account/Login", StringComparison.Ordinal), $"{role} could not sign in: {signedIn.Path}");
        }
        var pages = await new SiteCrawler(Zoom.Browser(language: lang, cookies: cookies, followOtherHosts: false)).CrawlAsync(start);
        _cookies[(role, lang)] = cookies;
        return pages;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser.IsValueCreated) await (await _browser.Value).DisposeAsync();
        if (_started.IsValueCreated && Zoom is not null) await Zoom.DisposeAsync();
    }
}
