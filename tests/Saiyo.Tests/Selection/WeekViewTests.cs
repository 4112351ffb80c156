using System.Globalization;
using System.Net;
using Saiyo.Tests.Foundation;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// 週表示: a 選考会's 日程 (and, company-wide, every 選考会's) as days × hours with 予約数/定員, links in reading order,
/// previous/next week; 面接官 and other companies get 404.
/// </summary>
public sealed class WeekViewTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    [Fact]
    public async Task A_meetings_week_shows_its_schedules_by_day_and_hour_with_bookings_and_moves_by_week()
    {
        var recruiter = fx.App.CreateSaiyoClient();
        await recruiter.SignInAsync(Demo.RecruiterEmail);
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Three weeks ahead, so that "today" and other tests' 日程 are elsewhere.
        var day = Monday(SelectionSetup.TokyoDate(TimeProvider.System, 21)).AddDays(1); // a Tuesday
        var meeting = await recruiter.CreateSelectionMeetingAsync($"週 一次面接 {tag}");
        var ev = await recruiter.AddEventAsync(meeting, $"週 個別面接 {tag}");
        var afternoon = await recruiter.CreateShownScheduleAsync(ev, day.AddDays(2), "14:00", "14:45");
        var morning = await recruiter.CreateShownScheduleAsync(ev, day, "10:00", "10:30");
        var late = await recruiter.CreateShownScheduleAsync(ev, day, "20:00", "20:30", shown: false);
        var otherMeeting = await recruiter.CreateSelectionMeetingAsync($"週 二次面接 {tag}");
        var other = await recruiter.CreateShownScheduleAsync(await recruiter.AddEventAsync(otherMeeting, $"週 役員面接 {tag}"), day, "11:00", "11:30");
        var applicant = await recruiter.CreateApplicantAsync($"週 応募者 {tag}", $"week-{tag}@example.test");
        await recruiter.InviteAsync(applicant, meeting);
        await recruiter.ProxyBookAsync(morning, applicant);

        var settings = await recruiter.GetAsync($"/SelectionMeetings/{meeting}/Schedules");
        var weekUrl = settings.Document.QuerySelector("main a.week-link")!.GetAttribute("href")!;
        var week = await recruiter.GetAsync($"{weekUrl}?week={day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, week.Status);
        Assert.Equal(Monday(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), week.Document.QuerySelector("table.week")!.GetAttribute("data-week"));

        // Each 日程 sits in its day's column and its start hour's row, with 予約数/定員.
        Assert.Equal((day, 10), Cell(week, morning));
        Assert.Equal((day.AddDays(2), 14), Cell(week, afternoon));
        Assert.Equal((day, 20), Cell(week, late)); // the hours widen to the latest 日程
        var booked = week.Document.QuerySelector($"a.week-slot[data-schedule-id='{morning}'] .slot-booked")!;
        Assert.Equal("1", booked.GetAttribute("data-booked"));
        Assert.Contains("予約数/定員 1/1", booked.TextContent);
        Assert.Contains("非表示", week.Document.QuerySelector($"a.week-slot[data-schedule-id='{late}']")!.TextContent);
        Assert.Null(week.Document.QuerySelector($"a.week-slot[data-schedule-id='{other}']"));

        // Reading order: the week's navigation, then hour by hour, Monday to Sunday; each 日程 opens its 予約.
        var links = week.Document.QuerySelectorAll("main .week-nav a, main table.week a").Select(a => a.ClassList.Contains("week-slot") ? a.GetAttribute("data-schedule-id") : a.ClassList[^1]).ToList();
        Assert.Equal(new[] { "week-prev", "week-this", "week-next", morning.ToString(), afternoon.ToString(), late.ToString() }, links);
        Assert.Equal($"/SelectionMeetings/Schedules/{morning}/Bookings", week.Document.QuerySelector($"a.week-slot[data-schedule-id='{morning}']")!.GetAttribute("href"));

        var next = await recruiter.GetAsync(week.Document.QuerySelector("a.week-next")!.GetAttribute("href")!);
        Assert.Equal(Monday(day).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), next.Document.QuerySelector("table.week")!.GetAttribute("data-week"));
        Assert.Empty(next.Document.QuerySelectorAll("a.week-slot"));
        Assert.Contains("この週の日程はありません。", next.Text);
        var back = await recruiter.GetAsync(next.Document.QuerySelector("a.week-prev")!.GetAttribute("href")!);
        Assert.Equal(3, back.Document.QuerySelectorAll("a.week-slot").Length);

        // The company-wide week: every 選考会, each 日程 named by its 選考会.
        var all = await recruiter.GetAsync($"{(await recruiter.GetAsync("/SelectionMeetings")).Document.QuerySelector("main a.week-link")!.GetAttribute("href")}?week={day:yyyy-MM-dd}");
        Assert.Equal((day, 11), Cell(all, other));
        Assert.Equal((day, 10), Cell(all, morning));
        Assert.Contains($"週 二次面接 {tag}", all.Document.QuerySelector($"a.week-slot[data-schedule-id='{other}']")!.TextContent);
    }

    [Fact]
    public async Task Interviewers_and_other_companies_get_404_and_see_nothing()
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 30);
        var meeting = await admin.CreateSelectionMeetingAsync($"Week {tag}");
        var schedule = await admin.CreateShownScheduleAsync(await admin.AddEventAsync(meeting, $"Week event {tag}"), day, "09:00", "09:30");
        var english = fx.App.CreateSaiyoClient("en");
        await english.SignInAsync(Demo.AdminEmail);
        var own = await english.GetAsync($"/SelectionMeetings/{meeting}/Week?week={day:yyyy-MM-dd}");
        Assert.Contains("Previous week", own.Text);
        Assert.NotNull(own.Document.QuerySelector($"a.week-slot[data-schedule-id='{schedule}']"));

        var (_, interviewerEmail) = await admin.AddStaffAsync($"Interviewer {tag}");
        var interviewer = fx.App.CreateSaiyoClient();
        await interviewer.SignInAsync(interviewerEmail, InterviewerSetup.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await interviewer.GetAsync($"/SelectionMeetings/{meeting}/Week")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await interviewer.GetAsync("/SelectionMeetings/Week")).Status);

        var other = await fx.App.CreateCompanyWithAdminAsync($"Week社 {tag}");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/SelectionMeetings/{meeting}/Week")).Status);
        var theirs = await other.GetAsync($"/SelectionMeetings/Week?week={day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, theirs.Status);
        Assert.Empty(theirs.Document.QuerySelectorAll("a.week-slot"));
    }

    private static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    /// <summary>The (day, hour) of the cell that holds the 日程's link, read from the column and row headers.</summary>
    private static (DateOnly Day, int Hour) Cell(HtmlPage page, Guid scheduleId)
    {
        var link = page.Document.QuerySelector($"table.week a.week-slot[data-schedule-id='{scheduleId}']");
        Assert.NotNull(link);
        var cell = link!.Closest("td")!;
        var row = cell.ParentElement!;
        var column = row.Children.ToList().IndexOf(cell);
        var header = page.Document.QuerySelectorAll("table.week thead th")[column];
        var hour = int.Parse(row.QuerySelector("th")!.TextContent.Split(':')[0], CultureInfo.InvariantCulture);
        return (DateOnly.ParseExact(header.GetAttribute("data-day")!, "yyyy-MM-dd", CultureInfo.InvariantCulture), hour);
    }
}

/// <summary>週表示 with Zoom: each 日程 shows its meeting's state as 日程設定 does (発行済み once the URL is issued).</summary>
public sealed class WeekViewMeetingStateTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_zoom_schedule_shows_its_issued_meeting_in_the_week()
    {
        var day = _w.Day(2);
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "15:00", "15:30");
        await _w.RowStateAsync(schedule, "Issued", 60);
        var week = await _w.Admin.GetAsync($"/SelectionMeetings/{_w.MeetingId}/Week?week={day:yyyy-MM-dd}");
        var state = week.Document.QuerySelector($"a.week-slot[data-schedule-id='{schedule}'] .slot-meeting-state");
        Assert.NotNull(state);
        Assert.Equal("Issued", state!.GetAttribute("data-meeting-state"));
        Assert.Equal("発行済み", state.TextContent.Trim());
    }
}
