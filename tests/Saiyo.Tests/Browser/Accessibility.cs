using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Saiyo.Tests.Browser;

/// <summary>axe-core (Deque) on the page as it stands: every browser test calls it at each state a person sees.</summary>
public static class Accessibility
{
    /// <summary>Fails with every violation, of any impact, naming the rule, the element and the state.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, string state)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"axe at «{state}» ({page.Url}):\n" + string.Join("\n", violations));
    }

    /// <summary>Every axe violation on the page, one line per element: impact, rule, element.</summary>
    public static async Task<List<string>> ViolationsAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        // axe.run in the page itself: RunAxe's partial run finishes in a new page of a new context each time (a renderer
        // started and axe injected twice per check), which was most of a check's time. Same rules, same verdict; Saiyo's
        // pages have no frames, for which the partial run exists. Deque marks it obsolete: the package version is pinned.
#pragma warning disable CS0618
        var result = await page.RunAxeLegacy(options: new AxeRunOptions { ResultTypes = [ResultType.Violations] });
#pragma warning restore CS0618
        return result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"[{v.Impact}] {v.Id}: {v.Help} — {n.Target} {Shorten(n.Html)}"))
            .ToList();
    }

    /// <summary>A page state a person sees: its screenshot under artifacts/screenshots, then axe on it.</summary>
    public static async Task ShotAndCheckAsync(this IPage page, string path)
    {
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        await page.AssertAccessibleAsync(Path.GetFileNameWithoutExtension(path));
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
