using System.Net;
using Saiyo.Tests.Foundation;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// 面接官 have least privilege: they see the 日程 assigned to them (per イベント, or per 日程 replacing the イベント's)
/// and the applicants booked on those, and every other URL of their company answers 404, found the way the
/// company-isolation crawl finds them (by following an admin's pages).
/// </summary>
public sealed class InterviewerAccessTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    [Fact]
    public async Task An_interviewer_sees_only_assigned_schedules_and_their_applicants_and_gets_404_for_every_other_url()
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        var (interviewerId, interviewerEmail) = await admin.AddStaffAsync("面接 次郎");
        var (otherId, _) = await admin.AddStaffAsync("別の 面接官");

        var meeting = await admin.CreateSelectionMeetingAsync("二次面接");
        var ev = await admin.AddEventAsync(meeting, "個別面接");
        var mine = await admin.CreateShownScheduleAsync(ev, SelectionSetup.TokyoDate(TimeProvider.System, 2), "10:00", "10:30");
        var notMine = await admin.CreateShownScheduleAsync(ev, SelectionSetup.TokyoDate(TimeProvider.System, 2), "11:00", "11:30");
        // The event's interviewer is the default; the second 日程 has its own, which replaces it there.
        await admin.AssignInterviewersAsync("Events", ev, interviewerId);
        await admin.AssignInterviewersAsync("Schedules", notMine, otherId);

        var booked = await admin.CreateApplicantAsync("予約 済子", "booked-mine@example.test");
        var elsewhere = await admin.CreateApplicantAsync("別枠 太郎", "booked-other@example.test");
        var unbooked = await admin.CreateApplicantAsync("未予約 花子", "unbooked@example.test");
        foreach (var a in new[] { booked, elsewhere, unbooked }) await admin.InviteAsync(a, meeting);
        await admin.ProxyBookAsync(mine, booked);
        await admin.ProxyBookAsync(notMine, elsewhere);

        var interviewer = fx.App.CreateSaiyoClient();
        Assert.Equal("/Interviews", (await interviewer.SignInAsync(interviewerEmail, InterviewerSetup.Password)).Path);
        var list = await interviewer.GetAsync("/Interviews");
        Assert.Contains("担当の面接", list.Text);
        var row = Assert.Single(list.Document.QuerySelectorAll("tr[data-schedule-id]"));
        Assert.Equal(mine.ToString(), row.GetAttribute("data-schedule-id"));
        Assert.Contains("予約 済子", row.TextContent);
        Assert.DoesNotContain("別枠 太郎", list.Text);
        // The navigation offers nothing company-wide.
        Assert.Equal(["/Interviews"], list.Document.QuerySelectorAll("nav.sidenav a").Select(a => a.GetAttribute("href")));

        var schedulePage = await interviewer.GetAsync($"/Interviews/{mine}");
        Assert.Equal(HttpStatusCode.OK, schedulePage.Status);
        Assert.Contains("booked-mine@example.test", schedulePage.Text);
        var applicantPage = await interviewer.GetAsync($"/Interviews/Applicants/{booked}");
        Assert.Equal(HttpStatusCode.OK, applicantPage.Status);
        Assert.Contains("予約 済子", applicantPage.Text);

        // Everything the admin reaches, and the interviewer pages of what is not theirs: 404, for GET and every POST.
        var urls = (await CompanyIsolationTests.CollectIdUrlsAsync(admin)).ToList();
        Assert.Contains($"/Applicants/{booked}", urls);
        Assert.Contains($"/SelectionMeetings/Schedules/{mine}/Bookings", urls);
        urls.AddRange(["/", "/SelectionMeetings", "/Applicants", "/Settings", "/Settings/Staff", "/Settings/MailTemplates", "/Integrations",
            $"/Interviews/{notMine}", $"/Interviews/Applicants/{elsewhere}", $"/Interviews/Applicants/{unbooked}"]);
        var token = list.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var url in urls.Where(u => u != "/"))
        {
            var get = await interviewer.GetAsync(url);
            Assert.True(get.Status == HttpStatusCode.NotFound, $"GET {url} as the interviewer answered {(int)get.Status}");
            foreach (var handler in CompanyIsolationTests.PostHandlers)
            {
                var post = await interviewer.PostRawAsync(url + handler, [new("__RequestVerificationToken", token), new("applicantId", unbooked.ToString()), new("interviewers", interviewerId.ToString())]);
                Assert.True(post.Status == HttpStatusCode.NotFound, $"POST {url}{handler} as the interviewer answered {(int)post.Status}");
            }
        }
        Assert.Equal("/Interviews", (await interviewer.GetAsync("/")).Path);

        // Nothing changed: the unbooked applicant is still unbooked, and the interviewer still has only their own 日程.
        Assert.DoesNotContain("未予約 花子", (await admin.GetAsync($"/SelectionMeetings/Schedules/{mine}/Bookings")).Document.QuerySelector("table.bookings")!.TextContent);
        Assert.Single((await interviewer.GetAsync("/Interviews")).Document.QuerySelectorAll("tr[data-schedule-id]"));

        // Taking the 日程 away from the interviewer (its own 面接官 now) closes its pages to them.
        await admin.AssignInterviewersAsync("Schedules", mine, otherId);
        Assert.Equal(HttpStatusCode.NotFound, (await interviewer.GetAsync($"/Interviews/{mine}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await interviewer.GetAsync($"/Interviews/Applicants/{booked}")).Status);
        Assert.Empty((await interviewer.GetAsync("/Interviews")).Document.QuerySelectorAll("tr[data-schedule-id]"));
    }

    [Fact]
    public async Task The_interviewer_role_is_offered_and_shown_in_english_and_a_bad_assignment_changes_nothing()
    {
        var admin = fx.App.CreateSaiyoClient("en");
        await admin.SignInAsync(Demo.AdminEmail);
        Assert.Contains("Interviewer", (await admin.GetAsync("/Settings/Staff/Create")).Text);
        var (_, email) = await admin.AddStaffAsync("Interviewer Eve");
        var row = (await admin.GetAsync("/Settings/Staff")).Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Contains("Interviewer", row.TextContent);

        var meeting = await admin.CreateSelectionMeetingAsync("Final");
        var ev = await admin.AddEventAsync(meeting, "Panel");
        var form = await admin.GetAsync($"/SelectionMeetings/Events/{ev}/Interviewers");
        Assert.Contains("Interviewer Eve", form.Text);
        // Another company's (or an unknown) staff id is refused with a message and saves nothing.
        var token = form.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await admin.PostRawAsync($"/SelectionMeetings/Events/{ev}/Interviewers", [new("__RequestVerificationToken", token), new("interviewers", Guid.NewGuid().ToString())]);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.NotEmpty(refused.Errors);
        Assert.Empty((await admin.GetAsync($"/SelectionMeetings/Events/{ev}/Interviewers")).Document.QuerySelectorAll("input[name=interviewers][checked]"));

        var interviewer = fx.App.CreateSaiyoClient("en");
        await interviewer.SignInAsync(email, InterviewerSetup.Password);
        var mine = await interviewer.GetAsync("/Interviews");
        Assert.Contains("My interviews", mine.Text);
        Assert.Contains("No interviews assigned to you.", mine.Text);
    }
}
