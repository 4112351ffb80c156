using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>Flow 2 over HTTP against the sandbox: every shown schedule of a Zoom event has exactly one meeting, kept in step.</summary>
public sealed class ScheduleMeetingTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_shown_schedule_gets_one_meeting_on_the_host_at_the_exact_time_with_url_and_passcode_on_its_row()
    {
        var day = _w.Day(2);
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "10:00", "10:45");

        var page = await _w.RowStateAsync(id, "Issued");
        var row = SelectionSetup.Row(page, id)!;
        Assert.Contains("発行済み", row.TextContent);
        var joinUrl = row.QuerySelector("a.join-url")!.GetAttribute("href")!;
        var passcode = row.QuerySelector("code.passcode")!.TextContent;

        var meeting = Assert.Single(SelectionSetup.MeetingsOf(await _w.World.SandboxStateAsync(), id));
        Assert.Equal(await _w.UserIdAsync(MeetingWorld.Host1), meeting["host_id"]!.GetValue<string>());
        Assert.Equal(SelectionSetup.ZoomUtc(day, "10:00"), meeting["start_time"]!.GetValue<string>());
        Assert.Equal(45, meeting["duration"]!.GetValue<int>());
        Assert.Equal("一次面接 Web個別面接", meeting["topic"]!.GetValue<string>());
        Assert.Contains(meeting["id"]!.ToString(), joinUrl);
        Assert.False(string.IsNullOrEmpty(passcode));
        Assert.Single(SelectionSetup.LiveMeetings(await _w.World.SandboxStateAsync()));
    }

    [Fact]
    public async Task A_hidden_schedule_has_no_meeting_until_shown_and_loses_it_when_hidden_again()
    {
        var day = _w.Day(2);
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "13:00", "13:30", shown: false);
        await _w.World.SettledAsync();
        Assert.Empty(SelectionSetup.LiveMeetings(await _w.World.SandboxStateAsync()));

        var settings = await _w.SettingsAsync();
        await _w.Admin.SubmitAsync(settings, formSelector: $"form[action='/SelectionMeetings/Schedules/{id}?handler=Toggle']");
        await _w.RowStateAsync(id, "Issued");
        await _w.MeetingsEventuallyAsync(id, 1);

        settings = await _w.SettingsAsync();
        await _w.Admin.SubmitAsync(settings, formSelector: $"form[action='/SelectionMeetings/Schedules/{id}?handler=Toggle']");
        await _w.MeetingsEventuallyAsync(id, 0);
        var page = await _w.RowStateAsync(id, "None");
        Assert.Null(SelectionSetup.Row(page, id)!.QuerySelector("a.join-url"));
    }

    [Fact]
    public async Task A_new_time_or_length_updates_the_same_meeting_and_delete_removes_it()
    {
        var day = _w.Day(3);
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "10:00", "10:30");
        await _w.RowStateAsync(id, "Issued");
        var first = Assert.Single(await _w.MeetingsEventuallyAsync(id, 1));

        var edited = await _w.Admin.SubmitAsync($"/SelectionMeetings/Schedules/{id}", new Dictionary<string, string>
        {
            ["Input.Date"] = _w.Day(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.StartTime"] = "15:00", ["Input.EndTime"] = "16:00", ["Input.AcceptWarnings"] = "true",
        });
        Assert.Equal(_w.SettingsUrl, edited.Path);
        var moved = Assert.Single(await _w.MeetingsEventuallyAsync(id, 1, m => m["start_time"]!.GetValue<string>() == SelectionSetup.ZoomUtc(_w.Day(4), "15:00")));
        Assert.Equal(first["id"]!.ToString(), moved["id"]!.ToString());
        Assert.Equal(60, moved["duration"]!.GetValue<int>());

        var settings = await _w.RowStateAsync(id, "Issued");
        var afterDelete = await _w.Admin.SubmitAsync(settings, formSelector: $"form[action='/SelectionMeetings/Schedules/{id}?handler=Delete']");
        Assert.Null(SelectionSetup.Row(afterDelete, id));
        await _w.MeetingsEventuallyAsync(id, 0);
        Assert.Empty(SelectionSetup.LiveMeetings(await _w.World.SandboxStateAsync()));
    }

    [Fact]
    public async Task A_new_host_on_the_event_moves_the_future_meetings()
    {
        var a = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        var b = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "11:00", "11:30");
        await _w.MeetingsEventuallyAsync(a, 1);
        await _w.MeetingsEventuallyAsync(b, 1);

        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        Assert.Contains("予約動作設定", form.Text);
        var saved = await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.HostExternalUserId"] = SelectionSetup.HostOption(form, MeetingWorld.Host2) });
        Assert.Equal(_w.SettingsUrl, saved.Path);

        var host2 = await _w.UserIdAsync(MeetingWorld.Host2);
        await _w.MeetingsEventuallyAsync(a, 1, m => m["host_id"]!.GetValue<string>() == host2);
        await _w.MeetingsEventuallyAsync(b, 1, m => m["host_id"]!.GetValue<string>() == host2);
        await _w.RowStateAsync(a, "Issued");
        Assert.Equal(2, SelectionSetup.LiveMeetings(await _w.World.SandboxStateAsync()).Count);
    }

    [Fact]
    public async Task A_meeting_deleted_on_zooms_side_shows_on_the_row_and_is_issued_again()
    {
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        await _w.RowStateAsync(id, "Issued");
        var old = Assert.Single(await _w.MeetingsEventuallyAsync(id, 1));

        var deleted = await _w.World.SandboxPostAsync($"meetings/{old["id"]}/delete");
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());

        var again = Assert.Single(await _w.MeetingsEventuallyAsync(id, 1, m => m["id"]!.ToString() != old["id"]!.ToString()));
        var page = await _w.RowStateAsync(id, "Issued");
        var row = SelectionSetup.Row(page, id)!;
        Assert.Contains("Zoom側でミーティングが削除されたため、自動で発行し直しました。", row.TextContent);
        Assert.Contains(again["id"]!.ToString(), row.QuerySelector("a.join-url")!.GetAttribute("href")!);
    }

    [Fact]
    public async Task The_start_link_is_fetched_fresh_when_clicked_and_never_shown_on_the_page()
    {
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        var page = await _w.RowStateAsync(id, "Issued");
        Assert.DoesNotContain("zak=", page.Html);

        var start = await _w.Admin.SubmitAsync(page, formSelector: $"form[action='/SelectionMeetings/Schedules/{id}?handler=Start']");
        Assert.StartsWith(_w.World.SandboxUrl, start.Url.ToString());
        Assert.Contains("zak=", start.Url.Query);
    }
}
