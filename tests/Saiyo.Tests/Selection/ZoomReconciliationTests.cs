using System.Text.Json.Nodes;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// The daily reconciliation of a linked Zoom account (「今すぐ照合」 makes it due now): meetings at Zoom that carry Saiyo's tag
/// but that no 日程 holds — one whose 日程 Saiyo no longer knows, and a second meeting tagged for a live 日程 — are deleted at Zoom
/// and each recorded in 連携の操作履歴; the live 日程's own meeting and a meeting without Saiyo's tag are left alone. Two nodes
/// poll for due reconciliations; the run is claimed, so each orphan is deleted and audited once.
/// </summary>
public sealed class ZoomReconciliationTests : IAsyncLifetime
{
    private const string ZoomPage = "/Integrations/Zoom";
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() =>
        _w = await MeetingWorld.StartAsync(nodes: 2, settings: s => s["Meetings:ReconciliationPollInterval"] = "00:00:00.200");

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Tagged_meetings_without_a_schedule_are_deleted_and_audited_once_live_and_untagged_ones_are_left_alone()
    {
        var live = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        await _w.RowStateAsync(live, "Issued");
        var liveMeeting = (await _w.MeetingsEventuallyAsync(live, 1))[0]["id"]!.GetValue<long>();

        var start = _w.World.Clock.GetUtcNow().AddDays(3).ToString("yyyy-MM-ddTHH:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var forgotten = await CreateAtZoomAsync(_w, $"[ref:saiyo-{Guid.NewGuid():N}]", start);
        var duplicate = await CreateAtZoomAsync(_w, $"[ref:saiyo-{live:N}]", start);
        var untagged = await CreateAtZoomAsync(_w, "週次の定例", start);

        var page = await _w.Admin.GetAsync(ZoomPage);
        Assert.Equal("", page.Document.QuerySelector("[data-last-reconciled]")!.GetAttribute("data-last-reconciled"));
        var asked = await _w.Admin.SubmitAsync(page, formSelector: "form[action*='handler=Reconcile']");
        Assert.Equal(ZoomPage, asked.Path);
        Assert.Contains("照合を開始しました。", asked.Text);

        await ZoomWorld.EventuallyAsync(async () =>
            !string.IsNullOrEmpty((await _w.Admin.GetAsync(ZoomPage)).Document.QuerySelector("[data-last-reconciled]")!.GetAttribute("data-last-reconciled")),
            "the reconciliation finished", seconds: 60);

        var meetings = (await _w.World.SandboxStateAsync())["meetings"]!.AsArray().Select(m => m!.AsObject()).ToDictionary(m => m["id"]!.GetValue<long>());
        Assert.True(meetings[forgotten]["deleted"]!.GetValue<bool>());
        Assert.True(meetings[duplicate]["deleted"]!.GetValue<bool>());
        Assert.False(meetings[liveMeeting]["deleted"]!.GetValue<bool>());
        Assert.False(meetings[untagged]["deleted"]!.GetValue<bool>());
        Assert.Equal("Issued", SelectionSetup.MeetingState(await _w.SettingsAsync(), live));

        var audit = (await _w.Admin.GetAsync("/Integrations/Audit")).Document;
        var deletions = audit.QuerySelectorAll("tr[data-action='linkage.orphan_meeting_deleted']").Select(r => r.TextContent).ToList();
        Assert.Equal(2, deletions.Count); // one node ran it
        Assert.Single(deletions, d => d.Contains(forgotten.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Single(deletions, d => d.Contains(duplicate.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(deletions, d => Assert.Contains("日程のないZoomミーティングを削除", d));
        Assert.Single(audit.QuerySelectorAll("tr[data-action='linkage.reconciliation_requested']"));
    }

    /// <summary>A meeting the host scheduled at Zoom itself (the sandbox's control API, as on Zoom's web portal).</summary>
    internal static async Task<long> CreateAtZoomAsync(MeetingWorld w, string agenda, string startUtc)
    {
        var body = new JsonObject { ["topic"] = "面接", ["type"] = 2, ["start_time"] = startUtc, ["duration"] = 30, ["agenda"] = agenda };
        using var response = await w.World.SandboxPostAsync($"users/{MeetingWorld.Host1}/meetings", body.ToJsonString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }
}

/// <summary>
/// Two nodes reconcile while Zoom's user list answers slower than a node's claim (claim 4 s, list 12 s): the claim on the
/// linkage is renewed while the call runs, so the other node never starts a second run — the list is read once and the
/// orphan deleted and audited once.
/// </summary>
public sealed class ZoomReconciliationSlowZoomTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() =>
        _w = await MeetingWorld.StartAsync(nodes: 2, settings: s =>
        {
            s["Meetings:ReconciliationPollInterval"] = "00:00:00.200";
            s["Meetings:ClaimDuration"] = "00:00:04";
        });

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_user_list_slower_than_the_claim_is_read_once_and_the_orphan_deleted_once()
    {
        var start = _w.World.Clock.GetUtcNow().AddDays(3).ToString("yyyy-MM-ddTHH:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await ZoomReconciliationTests.CreateAtZoomAsync(_w, $"[ref:saiyo-{Guid.NewGuid():N}]", start);
        // Two slow answers armed: a second run by the other node would use the second one.
        Assert.True((await _w.World.SandboxPutFaultAsync("users.list", """{"latency_ms":12000,"count":2}""")).IsSuccessStatusCode);

        var page = await _w.Admin.GetAsync("/Integrations/Zoom");
        Assert.Equal("/Integrations/Zoom", (await _w.Admin.SubmitAsync(page, formSelector: "form[action*='handler=Reconcile']")).Path);
        await ZoomWorld.EventuallyAsync(async () =>
            !string.IsNullOrEmpty((await _w.Admin.GetAsync("/Integrations/Zoom")).Document.QuerySelector("[data-last-reconciled]")!.GetAttribute("data-last-reconciled")),
            "the reconciliation finished", seconds: 90);

        var faults = JsonNode.Parse(await _w.World.SandboxControl.GetStringAsync(_w.World.SandboxUrl + "/_sandbox/faults"))!.AsObject();
        Assert.Equal(1, faults["users.list"]?["count"]?.GetValue<int>());
        var audit = (await _w.Admin.GetAsync("/Integrations/Audit")).Document;
        Assert.Single(audit.QuerySelectorAll("tr[data-action='linkage.orphan_meeting_deleted']"));
        Assert.Empty(audit.QuerySelectorAll("tr[data-action='linkage.orphan_meeting_delete_failed']"));
    }
}
