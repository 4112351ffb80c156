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
        }, "all 8 issued", seconds: 40);

        var state = await _w.World.SandboxStateAsync();
        Assert.Equal(8, SelectionSetup.LiveMeetings(state).Count);
        foreach (var id in ids) Assert.Single(SelectionSetup.MeetingsOf(state, id, includeDeleted: true));
        var starts = ids.Select(id => SelectionSetup.MeetingsOf(state, id)[0]["start_time"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => SelectionSetup.ZoomUtc(day, $"{10 + i / 2:00}:{i % 2 * 30:00}")).ToList(), starts);
    }
}
