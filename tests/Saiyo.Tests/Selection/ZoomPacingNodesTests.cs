using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// Zoom's per-second limit is a shared fact: two nodes, each with four 日程 in flight at once, issue a series together on an
/// account whose plan allows 2 meeting creates a second (the sandbox on Zoom's Free plan). All eight take their turns from one
/// pacing per account and category in the database, so together they stay under the limit: Zoom refuses nothing for going
/// too fast, and every 日程 has exactly one meeting. Each call takes its slot in one UPDATE … RETURNING, so the eight callers
/// never race for one. (Paced by each node alone, the two nodes send twice the pace: 429s; unpaced, 41 of them.)
/// </summary>
public sealed class ZoomPacingNodesTests : IAsyncLifetime
{
    private const int Count = 16;
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(nodes: 2, plan: "Free", settings: s =>
    {
        s["Zoom:RateLimits:Light"] = "4";
        s["Zoom:RateLimits:Medium"] = "2";
        s["Zoom:RateLimits:Heavy"] = "1";
        // Half the limit: on this loaded machine a request may reach the sandbox up to ~1 s after its turn.
        s["Zoom:RateLimits:Utilization"] = "0.5";
        s["Meetings:InFlight"] = "4";
    });

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Two_nodes_issuing_a_series_stay_under_the_accounts_per_second_limit_with_no_duplicate_and_none_missing()
    {
        var day = _w.Day(2);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}/Schedules/Series");
        // 16 five-minute 日程, 08:00–09:20.
        var preview = await _w.Admin.ClickAsync(form, "プレビュー", new Dictionary<string, string>
        {
            ["Input.DateFrom"] = date, ["Input.DateTo"] = date, ["Input.Days"] = day.DayOfWeek.ToString(),
            ["Input.FromTime"] = "08:00", ["Input.ToTime"] = "09:20", ["Input.IntervalMinutes"] = "5", ["Input.LengthMinutes"] = "5",
        });
        var created = await _w.Admin.ClickAsync(preview, $"{Count}件の日程を作成", new Dictionary<string, string> { ["Input.AcceptWarnings"] = "true" });
        Assert.Equal(_w.SettingsUrl, created.Path);
        var ids = created.Document.QuerySelectorAll("tr[data-schedule-id]").Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!)).ToList();
        Assert.Equal(Count, ids.Count);

        await ZoomWorld.EventuallyAsync(async () =>
        {
            var page = await _w.SettingsAsync();
            return ids.All(id => SelectionSetup.MeetingState(page, id) == "Issued");
        }, $"all {Count} issued", seconds: 180);

        var state = await _w.World.SandboxStateAsync();
        var refusals = state["qps_refusals"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<int>());
        Assert.True(refusals.Values.Sum() == 0, "per-second 429s at Zoom: " + string.Join(", ", refusals.Select(kv => $"{kv.Key}={kv.Value}")));
        foreach (var id in ids) Assert.Single(SelectionSetup.MeetingsOf(state, id, includeDeleted: true));
        Assert.Equal(Count, SelectionSetup.LiveMeetings(state).Count);
    }
}
