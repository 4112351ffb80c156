using System.Globalization;
using System.Net;
using Saiyo.Tests.Foundation;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>選考会, イベント and 日程 without Zoom: create, edit, list, show/hide, delete, and refused input.</summary>
public sealed class ScheduleCrudTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    private async Task<SaiyoClient> RecruiterAsync(string language = "ja")
    {
        var recruiter = fx.App.CreateSaiyoClient(language);
        Assert.Equal("/", (await recruiter.SignInAsync(Demo.RecruiterEmail)).Path);
        return recruiter;
    }

    private static DateOnly Tomorrow => SelectionSetup.TokyoDate(TimeProvider.System, 1);

    [Fact]
    public async Task Recruiter_creates_edits_hides_and_deletes_a_meeting_event_and_schedule()
    {
        var r = await RecruiterAsync();
        var meetingId = await r.CreateSelectionMeetingAsync("一次面接 " + Guid.NewGuid().ToString("N")[..6]);
        var list = await r.GetAsync("/SelectionMeetings");
        Assert.Contains("一次面接", list.Text);
        Assert.NotNull(list.Document.QuerySelector($"a[href='/SelectionMeetings/{meetingId}/Schedules']"));

        var eventId = await r.AddEventAsync(meetingId, "個別面接");
        var settings = await r.GetAsync($"/SelectionMeetings/{meetingId}/Schedules");
        Assert.Contains("個別面接", settings.Text);
        Assert.Contains("新規日程作成", settings.Text);

        var created = await r.CreateScheduleAsync(eventId, Tomorrow, "10:00", "10:45", capacity: 3);
        Assert.Equal($"/SelectionMeetings/{meetingId}/Schedules", created.Path);
        var id = SelectionSetup.ScheduleId(created, Tomorrow, "10:00", "10:45");
        var row = SelectionSetup.Row(created, id)!;
        Assert.Contains("表示", row.TextContent);
        Assert.Equal("0/3", row.QuerySelector(".booked-capacity")!.TextContent); // 予約数/定員
        Assert.Null(row.QuerySelector("td.meeting")); // なし: no meeting column

        // 変更: a new time and venue.
        var edited = await r.SubmitAsync($"/SelectionMeetings/Schedules/{id}", new Dictionary<string, string>
        {
            ["Input.StartTime"] = "11:00", ["Input.EndTime"] = "11:30", ["Input.Venue"] = "本社 3F 会議室A",
        });
        Assert.Equal($"/SelectionMeetings/{meetingId}/Schedules", edited.Path);
        Assert.Contains("11:00–11:30", SelectionSetup.Row(edited, id)!.TextContent);
        Assert.Contains("本社 3F 会議室A", SelectionSetup.Row(edited, id)!.TextContent);

        // 日程を表示しない, then delete.
        var hidden = await r.SubmitAsync(edited, formSelector: $"form[action='/SelectionMeetings/Schedules/{id}?handler=Toggle']");
        Assert.Contains("非表示", SelectionSetup.Row(hidden, id)!.TextContent);
        var deleted = await r.SubmitAsync(hidden, formSelector: $"form[action='/SelectionMeetings/Schedules/{id}?handler=Delete']");
        Assert.Null(SelectionSetup.Row(deleted, id));
        Assert.Equal(HttpStatusCode.NotFound, (await r.GetAsync($"/SelectionMeetings/Schedules/{id}")).Status);

        // The event and the 選考会 go once empty.
        var afterEvent = await r.SubmitAsync($"/SelectionMeetings/Events/{eventId}", formSelector: "form[action$='handler=Delete']");
        Assert.Empty(afterEvent.Document.QuerySelectorAll("section[data-event-id]"));
        var afterMeeting = await r.SubmitAsync($"/SelectionMeetings/{meetingId}", formSelector: "form[action$='handler=Delete']");
        Assert.Equal("/SelectionMeetings", afterMeeting.Path);
        Assert.Equal(HttpStatusCode.NotFound, (await r.GetAsync($"/SelectionMeetings/{meetingId}/Schedules")).Status);
    }

    [Fact]
    public async Task Bad_schedule_input_is_refused_with_clear_messages_and_nothing_is_saved()
    {
        var r = await RecruiterAsync();
        var meetingId = await r.CreateSelectionMeetingAsync("入力チェック");
        var eventId = await r.AddEventAsync(meetingId, "説明会");

        var endBeforeStart = await r.CreateScheduleAsync(eventId, Tomorrow, "11:00", "10:00");
        Assert.Contains("終了時刻は開始時刻より後にしてください。", endBeforeStart.Errors);
        var past = await r.CreateScheduleAsync(eventId, SelectionSetup.TokyoDate(TimeProvider.System, -1), "10:00", "11:00");
        Assert.Contains("開始日時が過去です。これからの日時を入力してください。", past.Errors);
        var zero = await r.CreateScheduleAsync(eventId, Tomorrow, "10:00", "11:00", capacity: 0);
        Assert.Contains("定員は1～1000の範囲で入力してください。", zero.Errors);
        var huge = await r.CreateScheduleAsync(eventId, Tomorrow, "10:00", "11:00", capacity: 100000);
        Assert.Contains("定員は1～1000の範囲で入力してください。", huge.Errors);

        var settings = await r.GetAsync($"/SelectionMeetings/{meetingId}/Schedules");
        Assert.Empty(settings.Document.QuerySelectorAll("tr[data-schedule-id]"));
    }

    [Theory]
    [InlineData("ja", "この項目を入力してください。")]
    [InlineData("en", "Please fill in this field.")]
    public async Task A_cleared_capacity_says_so_next_to_the_field_without_a_raw_placeholder(string culture, string message)
    {
        var r = await RecruiterAsync(culture);
        var meetingId = await r.CreateSelectionMeetingAsync("定員なし " + culture);
        var eventId = await r.AddEventAsync(meetingId, "説明会");
        var date = Tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var single = await r.SubmitAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = date, ["Input.StartTime"] = "10:00", ["Input.EndTime"] = "11:00", ["Input.Capacity"] = "",
        });
        Assert.Contains(message, single.Document.QuerySelector("[data-valmsg-for='Input.Capacity']")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("{0}", single.Text, StringComparison.Ordinal);

        var series = await r.GetAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Series");
        var refused = await r.SubmitAsync(series, new Dictionary<string, string> { ["Input.Capacity"] = "" });
        Assert.DoesNotContain("{0}", refused.Text, StringComparison.Ordinal);
        Assert.Contains(message, refused.Text, StringComparison.Ordinal);

        var settings = await r.GetAsync($"/SelectionMeetings/{meetingId}/Schedules");
        Assert.Empty(settings.Document.QuerySelectorAll("tr[data-schedule-id]"));
    }

    [Fact]
    public async Task Zoom_is_not_offered_while_the_linkage_is_not_linked_and_a_forged_choice_is_refused()
    {
        var r = await RecruiterAsync("en");
        var meetingId = await r.CreateSelectionMeetingAsync("Zoom check");
        var form = await r.GetAsync($"/SelectionMeetings/{meetingId}/Events/Create");
        Assert.NotNull(form.Document.QuerySelector("input[name='Input.Provider'][value='Zoom'][disabled]"));

        var forged = await r.SubmitAsync(form, new Dictionary<string, string> { ["Input.Name"] = "Forged", ["Input.Provider"] = "Zoom", ["Input.HostExternalUserId"] = "someone" });
        Assert.Contains("To choose Zoom, link Zoom under web-interview linkage services first.", forged.Errors);
        Assert.DoesNotContain("Forged", (await r.GetAsync($"/SelectionMeetings/{meetingId}/Schedules")).Text);
    }

    [Fact]
    public async Task A_series_is_previewed_then_created_in_one_step()
    {
        var r = await RecruiterAsync();
        var meetingId = await r.CreateSelectionMeetingAsync("二次面接");
        var eventId = await r.AddEventAsync(meetingId, "グループ面接");
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 3);
        var fields = new Dictionary<string, string>
        {
            ["Input.DateFrom"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.DateTo"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Days"] = day.DayOfWeek.ToString(), ["Input.FromTime"] = "10:00", ["Input.ToTime"] = "17:00",
            ["Input.IntervalMinutes"] = "30", ["Input.LengthMinutes"] = "30", ["Input.Capacity"] = "2",
        };
        var form = await r.GetAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Series");
        var preview = await r.ClickAsync(form, "プレビュー", fields);
        var items = preview.Document.QuerySelectorAll(".preview-list li").Select(li => li.TextContent).ToList();
        Assert.Equal(14, items.Count);
        Assert.Contains("10:00–10:30", items[0]);
        Assert.Contains("16:30–17:00", items[^1]);
        Assert.Empty((await r.GetAsync($"/SelectionMeetings/{meetingId}/Schedules")).Document.QuerySelectorAll("tr[data-schedule-id]")); // nothing saved yet

        var created = await r.ClickAsync(preview, "14件の日程を作成");
        Assert.Equal($"/SelectionMeetings/{meetingId}/Schedules", created.Path);
        Assert.Equal(14, created.Document.QuerySelectorAll("tr[data-schedule-id]").Length);
    }

    [Fact]
    public async Task A_selection_meeting_with_events_is_not_deleted()
    {
        var r = await RecruiterAsync();
        var meetingId = await r.CreateSelectionMeetingAsync("最終面接");
        await r.AddEventAsync(meetingId, "役員面接");
        var page = await r.SubmitAsync($"/SelectionMeetings/{meetingId}", formSelector: "form[action$='handler=Delete']");
        Assert.Contains("イベントがあるため削除できません。先にイベントを削除してください。", page.Text);
        Assert.Equal(HttpStatusCode.OK, (await r.GetAsync($"/SelectionMeetings/{meetingId}/Schedules")).Status);
    }
}
