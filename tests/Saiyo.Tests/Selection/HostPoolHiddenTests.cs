using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// A hidden (非表示) ホストプール 日程 keeps its host's time: hiding is the recruiter holding a slot back, not giving it up, so
/// showing it again (or a 代行予約 on it, which gives it a meeting) never finds its host taken by another 日程 meanwhile. Its
/// meeting goes while nobody is booked; 削除 is what frees the host's time.
/// </summary>
public sealed class HostPoolHiddenTests : IAsyncLifetime
{
    private const string AllBusy = "10:00–10:30: プールのすべてのZoomユーザが、この時間に別のミーティングを開催します。";
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_hidden_pool_schedule_keeps_its_host_time_until_it_is_deleted()
    {
        var eventId = await _w.Admin.AddPoolEventAsync(_w.MeetingId, "プール面接", MeetingWorld.Host1, MeetingWorld.Host2);
        var two = await CreateAsync(eventId, parallel: 2);
        Assert.Equal(_w.SettingsUrl, two.Path);
        var ids = Ids(two, eventId);
        foreach (var id in ids) await _w.RowStateAsync(id, "Issued", seconds: 60);

        // Hidden with nobody booked: its meeting goes, its host's time stays held.
        var hidden = ids[0];
        await _w.Admin.SubmitAsync(await _w.SettingsAsync(), formSelector: $"form[action='/SelectionMeetings/Schedules/{hidden}?handler=Toggle']");
        await _w.MeetingsEventuallyAsync(hidden, 0);
        var refused = await CreateAsync(eventId, parallel: 1);
        Assert.EndsWith("/Schedules/Create", refused.Path);
        Assert.Contains(AllBusy, refused.Text);
        Assert.Equal(2, Ids(await _w.SettingsAsync(), eventId).Count);

        // Shown again: issued on its own host, still no host with two meetings at once.
        await _w.Admin.SubmitAsync(await _w.SettingsAsync(), formSelector: $"form[action='/SelectionMeetings/Schedules/{hidden}?handler=Toggle']");
        await _w.RowStateAsync(hidden, "Issued", seconds: 60);
        var state = await _w.World.SandboxStateAsync();
        Assert.Equal(2, SelectionSetup.LiveMeetings(state).Count);
        MeetingWorld.AssertNoHostClash(state);

        // Deleted: the time is free for a new 日程.
        await _w.Admin.SubmitAsync(await _w.SettingsAsync(), formSelector: $"form[action='/SelectionMeetings/Schedules/{hidden}?handler=Delete']");
        Assert.DoesNotContain(hidden, Ids(await _w.SettingsAsync(), eventId));
        var again = await CreateAsync(eventId, parallel: 1);
        Assert.True(again.Path == _w.SettingsUrl, $"{again.Path}: {string.Join(" | ", again.Errors)}");
        var fresh = Assert.Single(Ids(again, eventId), id => id != ids[1]);
        await _w.RowStateAsync(fresh, "Issued", seconds: 60);
        MeetingWorld.AssertNoHostClash(await _w.World.SandboxStateAsync());
    }

    private Task<HtmlPage> CreateAsync(Guid eventId, int parallel) => _w.Admin.SubmitAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Create", new Dictionary<string, string>
    {
        ["Input.Date"] = _w.Day(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.StartTime"] = "10:00", ["Input.EndTime"] = "10:30",
        ["Input.Capacity"] = "1", ["Input.Shown"] = "true", ["Input.Parallel"] = parallel.ToString(CultureInfo.InvariantCulture),
    });

    private static List<Guid> Ids(HtmlPage page, Guid eventId) =>
        [.. page.Document.QuerySelectorAll($"section[data-event-id='{eventId}'] tr[data-schedule-id]").Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!))];
}
