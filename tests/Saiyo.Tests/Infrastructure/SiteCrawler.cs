using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// Follows every same-origin link (and GET form, with the values it shows) a signed-in person can reach, as they would
/// click them. Bounded: at most <see cref="MaxPages"/> pages and <see cref="PerShape"/> pages of one shape (the path with
/// its ids replaced), so long lists of 応募者 or 日程 are sampled, not walked whole. It only ever sends GET.
/// </summary>
public sealed partial class SiteCrawler(SaiyoClient client)
{
    public int MaxPages { get; init; } = 250;
    public int PerShape { get; init; } = 3;

    /// <summary>The pages reached from <paramref name="starts"/>, in the order they were opened.</summary>
    public async Task<IReadOnlyList<HtmlPage>> CrawlAsync(params string[] starts)
    {
        var origin = client.Http.BaseAddress ?? new Uri("http://localhost");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new List<HtmlPage>();
        var queue = new Queue<string>(starts);
        while (queue.Count > 0 && pages.Count < MaxPages)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url)) continue;
            var shape = Shape(url);
            shapes.TryGetValue(shape, out var n);
            if (n >= PerShape) continue;
            shapes[shape] = n + 1;

            var page = await client.GetAsync(url);
            pages.Add(page);
            if (page.Status != HttpStatusCode.OK || !IsHtml(page)) continue;
            foreach (var next in Links(page, origin)) queue.Enqueue(next);
        }
        return pages;
    }

    /// <summary>Same-origin link targets on <paramref name="page"/>: anchors and GET forms (submitted as shown).</summary>
    private static IEnumerable<string> Links(HtmlPage page, Uri origin)
    {
        foreach (var a in page.Document.QuerySelectorAll("a[href]"))
        {
            var target = Local(page.Url, a.GetAttribute("href")!, origin);
            if (target is not null) yield return target;
        }
        foreach (var form in page.Document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            if (!string.Equals(form.GetAttribute("method") ?? "get", "get", StringComparison.OrdinalIgnoreCase)) continue;
            var action = Local(page.Url, form.GetAttribute("action") is { Length: > 0 } act ? act : page.Url.PathAndQuery, origin);
            if (action is null) continue;
            var fields = new List<string>();
            foreach (var el in form.Elements)
            {
                var name = el.GetAttribute("name");
                if (string.IsNullOrEmpty(name)) continue;
                string? value = el switch
                {
                    IHtmlInputElement { Type: "checkbox" or "radio" } i => i.IsChecked ? i.Value : null,
                    IHtmlInputElement { Type: "submit" or "button" or "file" } => null,
                    IHtmlInputElement i => i.Value,
                    IHtmlSelectElement s => (s.SelectedOptions.FirstOrDefault() ?? s.Options.FirstOrDefault())?.Value,
                    _ => null,
                };
                if (value is not null) fields.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
            }
            yield return action.Split('?')[0] + (fields.Count > 0 ? "?" + string.Join('&', fields) : "");
        }
    }

    private static string? Local(Uri page, string href, Uri origin)
    {
        if (href.StartsWith('#') || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return null;
        if (!Uri.TryCreate(page, href, out var target)) return null;
        if (target.Scheme != origin.Scheme || !string.Equals(target.Host, origin.Host, StringComparison.OrdinalIgnoreCase) || target.Port != origin.Port) return null;
        var local = target.PathAndQuery;
        // Leaving the staff's session or Saiyo itself (the embedded Zoom sandbox) is not part of the site.
        if (local.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase) || local.StartsWith("/zoom-sandbox", StringComparison.OrdinalIgnoreCase)) return null;
        return local;
    }

    public static bool IsHtml(HtmlPage page) => page.Html.TrimStart().StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase);

    /// <summary>The URL with ids and query values blanked: pages of one shape differ only in the data they show.</summary>
    public static string Shape(string url) => Value().Replace(Id().Replace(url, "{id}"), "=");

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<=/)\d+(?=/|$|\?)|[A-Za-z0-9_-]{40,}", RegexOptions.IgnoreCase)]
    private static partial Regex Id();

    [GeneratedRegex(@"=[^&]*")]
    private static partial Regex Value();
}
