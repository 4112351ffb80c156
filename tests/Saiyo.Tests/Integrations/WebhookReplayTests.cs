using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Integrations;

/// <summary>A signed delivery is accepted once on any node; a removal older than the current link is ignored and audited.</summary>
public sealed class WebhookReplayTests : IAsyncLifetime
{
    private ZoomWorld _world = null!;
    private SaiyoClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _world = await ZoomWorld.StartAsync(nodes: 2);
        _admin = _world.Browser();
        await _admin.SignInAsync(Demo.AdminEmail);
        await ZoomWorld.LinkZoomAsync(_admin);
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private async Task<string> StatusAsync() =>
        (await _admin.GetAsync("/Integrations")).Document.QuerySelector("tr[data-provider=Zoom] .badge")!.GetAttribute("data-status")!;

    private async Task<string> AccountIdAsync() =>
        (await _world.SandboxStateAsync())["installations"]![0]!["account_id"]!.GetValue<string>();

    [Fact]
    public async Task A_replayed_app_deauthorized_does_not_unlink_a_company_that_linked_again()
    {
        // No deauthorization_time: only the replay memory stands between the copy and the new link.
        var body = $$$"""{"event":"app_deauthorized","event_ts":1,"payload":{"account_id":"{{{await AccountIdAsync()}}}","user_id":"u","client_id":"saiyo-sandbox-client"}}""";
        var sentAt = _world.Clock.GetUtcNow();
        using (var first = await _world.PostWebhookAsync(body, timestamp: sentAt, node: 0))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("NotLinked", await StatusAsync());

        await ZoomWorld.LinkZoomAsync(_admin);
        Assert.Equal("Linked", await StatusAsync());

        // The very same signed request, a minute later (inside the 5-minute window), at the other node and at the first.
        _world.Clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var node in new[] { 1, 0 })
        {
            using var replay = await _world.PostWebhookAsync(body, timestamp: sentAt, node: node);
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal("Linked", await StatusAsync());
        }
        Assert.Single((await _admin.GetAsync("/Integrations/Audit")).Document.QuerySelectorAll("tr[data-action='linkage.deauthorized']"));
    }

    [Fact]
    public async Task An_app_deauthorized_from_before_the_current_authorization_is_ignored_and_audited()
    {
        var removedAt = _world.Clock.GetUtcNow().AddMinutes(-3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var body = $$$"""{"event":"app_deauthorized","event_ts":1,"payload":{"account_id":"{{{await AccountIdAsync()}}}","user_id":"u","deauthorization_time":"{{{removedAt}}}","client_id":"saiyo-sandbox-client"}}""";

        using var response = await _world.PostWebhookAsync(body, node: 1);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal("Linked", await StatusAsync());
        var audit = await _admin.GetAsync("/Integrations/Audit");
        Assert.NotNull(audit.Document.QuerySelector("tr[data-action='linkage.stale_deauthorization_ignored']"));
        Assert.Contains("再連携より前のアプリ削除通知を無視", audit.Text);
        Assert.Null(audit.Document.QuerySelector("tr[data-action='linkage.deauthorized']"));
    }
}
