using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// Zoom's daily limit is a shared fact: two nodes, each with several 日程 in flight, issue 105 日程 on one host whose daily
/// create/update limit is 100. Each call takes one of the host's 100 from one row in the database before it is sent, so
/// no node asks Zoom for a 101st (Zoom's own daily-limit answer, e.g. for calls of other apps, is recorded the same way); no
/// node updates a meeting the other node just issued (an update would use one of the 100 and leave a sixth 日程
/// waiting); and the warning before saving counts what is still waiting for the host and names the 日程 that will wait.
/// </summary>
public sealed class HostDailyLimitNodesTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(nodes: 2);
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Two_nodes_issue_exactly_100_of_105_and_never_ask_zoom_beyond_the_limit()
    {
        var day = _w.Day(2);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}/Schedules/Series");
        // 105 five-minute 日程, 08:00–16:45.
        var preview = await _w.Admin.ClickAsync(form, "プレビュー", new Dictionary<string, string>
        {
            ["Input.DateFrom"] = date, ["Input.DateTo"] = date, ["Input.Days"] = day.DayOfWeek.ToString(),
            ["Input.FromTime"] = "08:00", ["Input.ToTime"] = "16:45", ["Input.IntervalMinutes"] = "5", ["Input.LengthMinutes"] = "5",
        });
        var warning = preview.Document.QuerySelector(".alert-warn")!.TextContent;
        Assert.Contains("本日の残り発行可能数は100件", warning);
        Assert.Contains("5件（", warning);
        foreach (var range in new[] { "16:20–16:25", "16:25–16:30", "16:30–16:35", "16:35–16:40", "16:40–16:45" }) Assert.Contains(range, warning);
        Assert.DoesNotContain("16:15–16:20", warning);
        var created = await _w.Admin.ClickAsync(preview, "105件の日程を作成", new Dictionary<string, string> { ["Input.AcceptWarnings"] = "true" });
        Assert.Equal(_w.SettingsUrl, created.Path);
        var ids = created.Document.QuerySelectorAll("tr[data-schedule-id]").Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!)).ToList();
        Assert.Equal(105, ids.Count);

        List<string?> states = [];
        await ZoomWorld.EventuallyAsync(async () =>
        {
            var page = await _w.SettingsAsync();
            states = [.. ids.Select(id => SelectionSetup.MeetingState(page, id))];
            return states.Count(s => s == "Issued") + states.Count(s => s == "Waiting") == 105;
        }, "all 105 issued or waiting", seconds: 240);
        await _w.World.SettledAsync(); // both nodes quiet: nothing more goes to Zoom

        var state = await _w.World.SandboxStateAsync();
        Assert.Equal(100, SelectionSetup.LiveMeetings(state).Count);
        Assert.Equal(100, states.Count(s => s == "Issued"));
        Assert.Equal(5, states.Count(s => s == "Waiting"));
        foreach (var id in ids) Assert.True(SelectionSetup.MeetingsOf(state, id, includeDeleted: true).Count <= 1);
        var refusals = state["daily_limit_refusals"]!.AsObject().Sum(kv => kv.Value!.GetValue<int>());
        Assert.Equal(0, refusals);

        // Five more are still waiting for this host: one more 日程 warns, names the six that wait, and saves only when confirmed.
        var warned = await _w.Admin.CreateScheduleAsync(_w.EventId, day, "17:00", "17:30");
        Assert.EndsWith("/Schedules/Create", warned.Path);
        var quota = warned.Document.QuerySelector(".alert-warn")!.TextContent;
        Assert.Contains("本日の残り発行可能数は0件で、発行待ちの日程が5件あります。", quota);
        Assert.Contains("6件（", quota);
        Assert.Contains("17:00–17:30", quota);
        Assert.Equal(105, (await _w.SettingsAsync()).Document.QuerySelectorAll("tr[data-schedule-id]").Length);
    }
}
