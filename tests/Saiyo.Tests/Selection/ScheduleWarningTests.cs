using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>Warnings before saving: the host's overlapping schedule, and a save that needs more than the host's remaining daily quota.</summary>
public sealed class ScheduleWarningTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(dailyHostLimit: 3);
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task An_overlapping_schedule_of_the_same_host_is_warned_about_and_saved_only_when_confirmed()
    {
        var day = _w.Day(2);
        var first = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "10:00", "10:30");
        var warned = await _w.Admin.CreateScheduleAsync(_w.EventId, day, "10:15", "10:45");
        Assert.EndsWith("/Schedules/Create", warned.Path);
        Assert.Contains("Proユーザは同時に1つのミーティングしか開催できません。", warned.Text);
        Assert.NotNull(SelectionSetup.Row(await _w.SettingsAsync(), first));
        Assert.Single((await _w.SettingsAsync()).Document.QuerySelectorAll("tr[data-schedule-id]"));

        var saved = await _w.Admin.SubmitAsync(warned, new Dictionary<string, string> { ["Input.AcceptWarnings"] = "true" });
        Assert.Equal(_w.SettingsUrl, saved.Path);
        Assert.Equal(2, saved.Document.QuerySelectorAll("tr[data-schedule-id]").Length);
    }

    [Fact]
    public async Task A_series_beyond_the_hosts_remaining_quota_says_which_schedules_wait_for_the_next_day()
    {
        var first = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "09:00", "09:30");
        await _w.RowStateAsync(first, "Issued"); // 1 of 3 used
        var day = _w.Day(3);
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}/Schedules/Series");
        var preview = await _w.Admin.ClickAsync(form, "プレビュー", new Dictionary<string, string>
        {
            ["Input.DateFrom"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.DateTo"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Days"] = day.DayOfWeek.ToString(), ["Input.FromTime"] = "10:00", ["Input.ToTime"] = "12:00",
            ["Input.IntervalMinutes"] = "30", ["Input.LengthMinutes"] = "30",
        });
        Assert.Equal(4, preview.Document.QuerySelectorAll(".preview-list li").Length);
        var warning = preview.Document.QuerySelector(".alert-warn")!.TextContent;
        Assert.Contains("本日の残り発行可能数は2件", warning);
        Assert.Contains("2件（", warning);
        Assert.Contains("11:00–11:30", warning);
        Assert.Contains("11:30–12:00", warning);
        Assert.Contains("09:00 以降に発行されます", warning);

        var notYet = await _w.Admin.ClickAsync(preview, "4件の日程を作成");
        Assert.Single((await _w.SettingsAsync()).Document.QuerySelectorAll("tr[data-schedule-id]"));
        var created = await _w.Admin.ClickAsync(notYet, "4件の日程を作成", new Dictionary<string, string> { ["Input.AcceptWarnings"] = "true" });
        Assert.Equal(_w.SettingsUrl, created.Path);
        Assert.Equal(5, created.Document.QuerySelectorAll("tr[data-schedule-id]").Length);
    }

    [Fact]
    public async Task A_capacity_below_the_bookings_is_saved_only_when_confirmed_and_then_takes_no_new_booking()
    {
        var day = _w.Day(2);
        var created = await _w.Admin.CreateScheduleAsync(_w.EventId, day, "13:00", "13:30", capacity: 3, acceptWarnings: true);
        var schedule = SelectionSetup.ScheduleId(created, day, "13:00", "13:30");
        var links = new List<string>();
        foreach (var (name, email) in new[] { ("加藤 恵", "megumi.cap@example.test"), ("吉田 蓮", "ren.cap@example.test"), ("山本 葵", "aoi.cap@example.test") })
        {
            var id = await _w.Admin.CreateApplicantAsync(name, email);
            await _w.Admin.InviteAsync(id, _w.MeetingId);
            links.Add(await _w.Admin.SendMyPageLinkAsync(id));
        }
        var first = _w.World.Browser();
        var second = _w.World.Browser();
        Assert.Equal("booked", ApplicantSetup.Outcome(await first.BookAsync(links[0], schedule)));
        Assert.Equal("booked", ApplicantSetup.Outcome(await second.BookAsync(links[1], schedule)));

        // 定員 1 with 2 bookings: warned, nothing saved.
        var edit = $"/SelectionMeetings/Schedules/{schedule}";
        var warned = await _w.Admin.SubmitAsync(edit, new Dictionary<string, string> { ["Input.Capacity"] = "1" });
        Assert.Equal(edit, warned.Path);
        Assert.Contains("定員（1名）が現在の予約数（2件）を下回ります。", warned.Document.QuerySelector(".alert-warn")!.TextContent);
        Assert.Equal("3", (await _w.Admin.GetAsync(edit)).Document.QuerySelector("#Input_Capacity")!.GetAttribute("value"));

        // Confirmed: saved; both bookings stay, the third applicant finds it 満席 and cannot book.
        var saved = await _w.Admin.SubmitAsync(warned, new Dictionary<string, string> { ["Input.AcceptWarnings"] = "true" });
        Assert.Equal(_w.SettingsUrl, saved.Path);
        Assert.Equal("1", (await _w.Admin.GetAsync(edit)).Document.QuerySelector("#Input_Capacity")!.GetAttribute("value"));
        var bookings = await _w.Admin.GetAsync($"{edit}/Bookings");
        Assert.Equal(2, bookings.Document.QuerySelectorAll("tr[data-state='Active']").Length);
        Assert.NotNull((await first.GetAsync(links[0])).Document.QuerySelector("[data-booking-id]"));

        var third = _w.World.Browser();
        var row = (await third.GetAsync(links[2])).Document.QuerySelector($"tr[data-schedule-id='{schedule}']")!;
        Assert.Equal("満席", row.QuerySelector(".full")?.TextContent.Trim());
        Assert.Null(row.QuerySelector("button"));
        var refused = await third.BookAsync(links[2], schedule);
        Assert.Equal((System.Net.HttpStatusCode.Conflict, "full"), (refused.Status, ApplicantSetup.Outcome(refused)));
        Assert.Contains("満席のため予約できませんでした。", refused.Text);
        Assert.Equal(2, (await _w.Admin.GetAsync($"{edit}/Bookings")).Document.QuerySelectorAll("tr[data-state='Active']").Length);

        // Raising it again without going below the bookings needs no confirmation.
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(edit, new Dictionary<string, string> { ["Input.Capacity"] = "2" })).Path);
    }

    [Fact]
    public async Task A_zoom_event_without_a_host_is_refused_and_a_series_without_days_too()
    {
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/{_w.MeetingId}/Events/Create");
        var refused = await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.Name"] = "ホストなし", ["Input.Provider"] = "Zoom", ["Input.HostExternalUserId"] = "" });
        Assert.Contains("Web面接連携がZoomのときは「Zoomユーザ選択」で開催ユーザを選んでください。", refused.Errors);
        Assert.DoesNotContain("ホストなし", (await _w.SettingsAsync()).Text);

        var series = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}/Schedules/Series");
        var values = new Dictionary<string, string> { ["Input.DateFrom"] = _w.Day(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        foreach (var box in series.Document.QuerySelectorAll("input[name='Input.Days']")) box.RemoveAttribute("checked");
        var noDays = await _w.Admin.ClickAsync(series, "プレビュー", values);
        Assert.Contains("曜日を1つ以上選んでください。", noDays.Errors);
    }
}
