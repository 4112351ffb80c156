using System.Globalization;
using AngleSharp.Dom;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// The home page of 管理者 and 採用担当 counts the hiring loop of their own company, read over HTTP after arranging
/// everything through the pages: today's interviews (company time zone), 評価 missing (assigned, interview ended, not
/// submitted, no 合否 yet), applicants waiting for 合否 (interviewed, not 欠席, no 合否), and the 選考フロー funnel for a
/// chosen period. Interviewers keep 担当の面接 as their home.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task The_home_page_counts_todays_interviews_missing_evaluations_waiting_results_and_the_funnel()
    {
        var admin = _w.Admin;
        var (first, firstEmail) = await admin.AddStaffAsync("集計 面接官一");
        var (second, _) = await admin.AddStaffAsync("集計 面接官二");
        var m1 = await admin.CreateSelectionMeetingAsync("集計 一次", "一次面接");
        var m2 = await admin.CreateSelectionMeetingAsync("集計 二次", "二次面接");
        var e1 = await admin.AddEventAsync(m1, "集計 Web面接", MeetingWorld.Host1);
        var e2 = await admin.AddEventAsync(m2, "集計 二次面接");
        await admin.AssignInterviewersAsync("Events", e1, first, second);
        var day = _w.Day(1);
        var s1 = await ScheduleAsync(admin, e1, day, "10:00", "10:30", capacity: 3);
        var s2 = await ScheduleAsync(admin, e1, day, "15:00", "15:30", capacity: 1);
        var s3 = await ScheduleAsync(admin, e1, _w.Day(2), "10:00", "10:30", capacity: 1);
        var s4 = await ScheduleAsync(admin, e2, _w.Day(3), "10:00", "10:30", capacity: 1);
        var (a, b, c, d, e) = (await BookedAsync(admin, "集計 A", m1, s1), await BookedAsync(admin, "集計 B", m1, s1),
            await BookedAsync(admin, "集計 C", m1, s1), await BookedAsync(admin, "集計 D", m1, s2), await BookedAsync(admin, "集計 E", m1, s3));

        await ZoomWorld.EventuallyAsync(async () => SelectionSetup.MeetingState(await admin.GetAsync($"/SelectionMeetings/{m1}/Schedules"), s2) == "Issued",
            "the afternoon 日程's Zoom meeting", seconds: 60);

        // Noon of that day in Tokyo: the morning 日程 has ended, the afternoon one is still to come.
        _w.World.Clock.Advance(Utc(day, "12:00") - _w.World.Clock.GetUtcNow());
        admin = await SignInAsync(Demo.AdminEmail);
        var before = await admin.GetAsync("/");
        Assert.Equal("6", Stat(before, "missing-evaluations")); // both interviewers × A, B, C
        Assert.Equal("3", Stat(before, "awaiting-results"));

        // The first interviewer evaluates A; C did not come (欠席); B passes (the next step's 選考会, mailed), D is rejected, E held.
        var interviewer = _w.World.Browser();
        Assert.Equal("/Interviews", (await interviewer.SignInAsync(firstEmail, InterviewerSetup.Password)).Path);
        Assert.Equal("/Interviews", (await interviewer.SubmitAsync($"/Interviews/{s1}/Evaluate/{a}", new Dictionary<string, string> { ["recommendation"] = "Pass" })).Path);
        Assert.Equal("/Interviews", (await interviewer.GetAsync("/")).Path); // an interviewer's home stays 担当の面接
        await MarkAbsentAsync(admin, s1, "集計 C");
        await SetResultAsync(admin, m1, b, "Pass");
        await SetResultAsync(admin, m1, d, "Reject");
        await SetResultAsync(admin, m1, e, "Hold");
        await admin.ProxyBookAsync(s4, b);

        var home = await admin.GetAsync("/");
        // Today (Tokyo): the morning 日程 with A, B, C and the afternoon one with D, its Zoom meeting issued; tomorrow's is not listed.
        Assert.Equal("2", Stat(home, "today"));
        Assert.Equal(["集計 A", "集計 B", "集計 C"], Applicants(home, "table.today", s1));
        Assert.Equal(["集計 D"], Applicants(home, "table.today", s2));
        Assert.Null(home.Document.QuerySelector($"table.today tr[data-schedule-id='{s3}']"));
        Assert.Equal("Issued", home.Document.QuerySelector($"table.today tr[data-schedule-id='{s2}'] td.meeting")!.GetAttribute("data-meeting-state"));
        // Missing: only the second interviewer's 評価 of A (A evaluated by the first; B has a 合否; C was absent; D, E not interviewed yet).
        Assert.Equal("1", Stat(home, "missing-evaluations"));
        var missing = Assert.Single(home.Document.QuerySelectorAll("table.missing-evaluations tbody tr"));
        Assert.Equal(a.ToString(), missing.GetAttribute("data-applicant-id"));
        Assert.Contains("集計 面接官二", missing.TextContent);
        // Waiting for 合否: A only.
        Assert.Equal("1", Stat(home, "awaiting-results"));
        Assert.Equal(a.ToString(), Assert.Single(home.Document.QuerySelectorAll("table.awaiting-results tbody tr")).GetAttribute("data-applicant-id"));
        Assert.NotNull(home.Document.QuerySelector($"table.awaiting-results a[href='/SelectionMeetings/{m1}/Results']"));

        // The funnel of the last 30 days: 一次面接 5 entered, all booked, 1 passed (20 %), 1 held, 1 rejected; 二次面接 B, booked.
        Assert.Equal((5, 5, 1, 1, 1, "20%"), Funnel(home, "一次面接"));
        Assert.Equal((1, 1, 0, 0, 0, "0%"), Funnel(home, "二次面接"));
        Assert.Equal((0, 0, 0, 0, 0, "—"), Funnel(home, "説明会"));
        Assert.Equal(["説明会", "一次面接", "二次面接", "最終面接", "内定"], home.Document.QuerySelectorAll("table.funnel tbody tr").Select(r => r.GetAttribute("data-step")!).ToArray());

        // Another period: nobody entered then. A period that is not one: said so, the last 30 days shown.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_w.World.Clock.GetUtcNow(), Tokyo).DateTime);
        var earlier = await admin.GetAsync($"/?from={today.AddDays(-90):yyyy-MM-dd}&to={today.AddDays(-60):yyyy-MM-dd}");
        Assert.Equal((0, 0, 0, 0, 0, "—"), Funnel(earlier, "一次面接"));
        Assert.Null(earlier.Document.QuerySelector(".period-error"));
        var reversed = await admin.GetAsync($"/?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        Assert.Contains("直近30日間を表示しています", reversed.Document.QuerySelector(".period-error")!.TextContent);
        Assert.Equal((5, 5, 1, 1, 1, "20%"), Funnel(reversed, "一次面接"));
        Assert.Equal(today.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reversed.Document.QuerySelector("input[name=from]")!.GetAttribute("value"));
        var english = _w.World.Browser(language: "en");
        await english.SignInAsync(Demo.RecruiterEmail);
        var garbled = await english.GetAsync("/?from=someday&to=2026-02-30");
        Assert.Contains("Showing the last 30 days", garbled.Document.QuerySelector(".period-error")!.TextContent);
        Assert.Contains("Evaluations missing", garbled.Text);
        Assert.Equal("1", Stat(garbled, "missing-evaluations"));

        // Another company's home counts none of it.
        var other = _w.World.Browser();
        await other.SignInAsync(await CreateCompanyAsync("集計 別会社"), CompanySetup.AdminPassword);
        var theirs = await other.GetAsync("/");
        Assert.Equal(["0", "0", "0"], new[] { Stat(theirs, "today"), Stat(theirs, "missing-evaluations"), Stat(theirs, "awaiting-results") });
        Assert.All(theirs.Document.QuerySelectorAll("table.funnel tbody tr"), r => Assert.Equal("0", r.GetAttribute("data-entered")));
    }

    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static DateTimeOffset Utc(DateOnly date, string tokyoTime) => DateTimeOffset.Parse(SelectionSetup.ZoomUtc(date, tokyoTime), CultureInfo.InvariantCulture);

    private async Task<SaiyoClient> SignInAsync(string email, string password = Demo.Password)
    {
        var client = _w.World.Browser();
        await client.SignInAsync(email, password);
        return client;
    }

    private async Task<string> CreateCompanyAsync(string name)
    {
        var op = await SignInAsync(Demo.OperatorEmail);
        return await op.CreateCompanyAsync(name);
    }


    private static async Task<Guid> ScheduleAsync(SaiyoClient admin, Guid eventId, DateOnly date, string start, string end, int capacity)
    {
        var page = await admin.CreateScheduleAsync(eventId, date, start, end, capacity: capacity, acceptWarnings: true);
        Assert.True(page.Path.EndsWith("/Schedules", StringComparison.Ordinal), $"{page.Path}: {string.Join(" | ", page.Errors)}");
        return SelectionSetup.ScheduleId(page, date, start, end);
    }

    private static async Task<Guid> BookedAsync(SaiyoClient admin, string name, Guid meeting, Guid schedule)
    {
        var id = await admin.CreateApplicantAsync(name, $"dashboard-{Guid.NewGuid():N}@example.test");
        await admin.InviteAsync(id, meeting);
        await admin.ProxyBookAsync(schedule, id);
        return id;
    }

    private static async Task MarkAbsentAsync(SaiyoClient admin, Guid schedule, string applicant)
    {
        var page = await admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        var booking = page.Document.QuerySelectorAll("tr[data-booking-id]").First(r => r.TextContent.Contains(applicant, StringComparison.Ordinal)).GetAttribute("data-booking-id")!;
        var after = await admin.SubmitAsync(page, new Dictionary<string, string> { ["attendance"] = "Absent" }, $"form[action*='bookingId={booking}']");
        Assert.Equal("Absent", after.Document.QuerySelector($"tr[data-booking-id='{booking}'] .attendance-mark")!.GetAttribute("data-attendance"));
    }

    private static async Task SetResultAsync(SaiyoClient admin, Guid meeting, Guid applicant, string outcome)
    {
        var page = await admin.SubmitAsync($"/SelectionMeetings/{meeting}/Results", new Dictionary<string, string> { ["Outcome"] = outcome }, $"form.set-result[action*='applicantId={applicant}']");
        Assert.Equal(outcome, page.Document.QuerySelector($"tr[data-applicant-id='{applicant}']")!.GetAttribute("data-outcome"));
    }

    private static string? Stat(HtmlPage page, string name) => page.Document.QuerySelector($"[data-{name}]")?.GetAttribute($"data-{name}");

    private static string[] Applicants(HtmlPage page, string table, Guid schedule) =>
        page.Document.QuerySelectorAll($"{table} tr[data-schedule-id='{schedule}'] a.applicant").Select(x => x.TextContent.Trim()).ToArray();

    private static (int Entered, int Booked, int Passed, int Held, int Rejected, string Rate) Funnel(HtmlPage page, string step)
    {
        var row = page.Document.QuerySelectorAll("table.funnel tbody tr").Single(r => r.GetAttribute("data-step") == step);
        int N(string name) => int.Parse(row.GetAttribute($"data-{name}")!, CultureInfo.InvariantCulture);
        return (N("entered"), N("booked"), N("passed"), N("held"), N("rejected"), row.QuerySelector("td.pass-rate")!.TextContent.Trim());
    }
}
