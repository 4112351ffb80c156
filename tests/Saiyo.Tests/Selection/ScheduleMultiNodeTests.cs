using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>Two Saiyo nodes on one database, both running the meeting worker: every shown schedule still gets exactly one meeting.</summary>
public sealed class ScheduleMultiNodeTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(nodes: 2);
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_series_on_two_nodes_gets_one_meeting_per_schedule_without_double_work()
    {
        var day = _w.Day(2);
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}/Schedules/Series");
        var preview = await _w.Admin.ClickAsync(form, "プレビュー", new Dictionary<string, string>
        {
            ["Input.DateFrom"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.DateTo"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Days"] = day.DayOfWeek.ToString(), ["Input.FromTime"] = "10:00", ["Input.ToTime"] = "14:00",
            ["Input.IntervalMinutes"] = "30", ["Input.LengthMinutes"] = "30",
        });
        var created = await _w.Admin.ClickAsync(preview, "8件の日程を作成");
        var ids = created.Document.QuerySelectorAll("tr[data-schedule-id]").Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!)).ToList();
        Assert.Equal(8, ids.Count);

        // The second node's browser sees the same rows being issued.
        var other = _w.World.Browser(node: 1);
        await other.SignInAsync(Demo.AdminEmail);
        await ZoomWorld.EventuallyAsync(async () =>
        {
            var page = await other.GetAsync(_w.SettingsUrl);
            return ids.All(id => SelectionSetup.MeetingState(page, id) == "Issued");
        }, "all 8 issued");

        var state = await _w.World.SandboxStateAsync();
        Assert.Equal(8, SelectionSetup.LiveMeetings(state).Count);
        foreach (var id in ids) Assert.Single(SelectionSetup.MeetingsOf(state, id, includeDeleted: true));
        var starts = ids.Select(id => SelectionSetup.MeetingsOf(state, id)[0]["start_time"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => SelectionSetup.ZoomUtc(day, $"{10 + i / 2:00}:{i % 2 * 30:00}")).ToList(), starts);
    }
}

/// <summary>
/// A Zoom call slower than a node's claim: the claim is renewed while the call runs, so the other node never takes the
/// row and never sends a second create (a claim of 4 s against a 12 s create).
/// </summary>
public sealed class ScheduleSlowZoomTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(nodes: 2, settings: s => s["Meetings:ClaimDuration"] = "00:00:04");
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_create_slower_than_the_claim_is_not_sent_twice_by_the_other_node()
    {
        var put = await _w.World.SandboxPutFaultAsync("meetings.create", """{"latency_ms":12000,"count":1}""");
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        await _w.RowStateAsync(id, "Issued");
        // Both nodes quiet past the slow create's answer: a second create would have landed by now.
        await _w.World.SettledAsync();
        Assert.Single(SelectionSetup.MeetingsOf(await _w.World.SandboxStateAsync(), id, includeDeleted: true));
    }
}
