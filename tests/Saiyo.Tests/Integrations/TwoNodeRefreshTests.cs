using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Integrations;

/// <summary>Zoom rotates refresh tokens: two nodes refreshing at once would break the link. They must refresh once.</summary>
public sealed class TwoNodeRefreshTests
{
    [Fact]
    public async Task Many_concurrent_zoom_calls_at_expiry_on_two_nodes_refresh_exactly_once()
    {
        // Business plan: enough per-second room for the burst, so that only the refresh is under test.
        await using var world = await ZoomWorld.StartAsync(nodes: 2, plan: "Business");
        var onA = world.Browser(node: 0);
        await onA.SignInAsync(Demo.AdminEmail);
        await ZoomWorld.LinkZoomAsync(onA);
        // Sixteen admins' browsers (own cookies, so that one page's flash message is not read by another), half on each node.
        var browsers = new List<SaiyoClient>();
        for (var i = 0; i < 16; i++)
        {
            var b = world.Browser(node: i % 2);
            await b.SignInAsync(Demo.AdminEmail);
            browsers.Add(b);
        }

        var grantsBefore = (await world.SandboxStateAsync())["tokens"]!.AsArray().Count;
        world.Clock.Advance(TimeSpan.FromMinutes(61)); // every node now holds an expired access token

        var pages = await Task.WhenAll(browsers.Select(b =>
            b.SubmitAsync("/Integrations/Zoom", formSelector: "form[action*='handler=Reload']")));

        Assert.All(pages, p => Assert.True(p.Text.Contains("Zoomユーザを読み込みました。", StringComparison.Ordinal), p.Text));
        var tokens = (await world.SandboxStateAsync())["tokens"]!.AsArray();
        Assert.Equal(grantsBefore + 1, tokens.Count);
        Assert.Equal("Linked", (await browsers[1].GetAsync("/Integrations")).Document.QuerySelector("tr[data-provider=Zoom] .badge")!.GetAttribute("data-status"));
    }
}
