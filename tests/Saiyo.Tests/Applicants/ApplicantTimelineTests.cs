using System.Net;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Interviews;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// The applicant page's 履歴: real actions by staff, the applicant and an interviewer appear newest first, each with the
/// staff member who acted where there is one, and every mail written to the applicant with its state and a readable body
/// (staff only: an interviewer gets 404 for the applicant and their mails).
/// </summary>
public sealed class ApplicantTimelineTests(ResultsWorld world) : IClassFixture<ResultsWorld>
{
    private SaiyoClient Admin => world.Admin;

    [Fact]
    public async Task Invitation_bookings_cancellation_evaluation_attendance_result_and_mails_appear_newest_first_with_who_acted()
    {
        var first = await world.ScheduleAsync(1, "11:00", "12:00", capacity: 2);
        var second = await world.ScheduleAsync(1, "13:00", "14:00", capacity: 2);
        var (interviewer, interviewerEmail) = await Admin.AddStaffAsync("履歴 面接官");
        await Admin.AssignInterviewersAsync("Schedules", second, interviewer);
        var applicant = await Admin.CreateApplicantAsync("履歴 太郎", "timeline.taro@example.test");
        await Admin.InviteAsync(applicant, world.First);
        var myPage = await Admin.SendMyPageLinkAsync(applicant);
        // The applicant books on their own; staff cancel it and book the other 日程 for them.
        Assert.Equal("booked", ApplicantSetup.Outcome(await world.World.Browser().BookAsync(myPage, first)));
        var page = await Admin.GetAsync($"/Applicants/{applicant}");
        await Admin.SubmitAsync(page, formSelector: "form[action*='handler=Cancel'][action*='bookingId=']");
        await Admin.ProxyBookAsync(second, applicant);

        // After the interview: the interviewer evaluates, staff mark attendance and set 不合格 with its mail now.
        world.World.Clock.Advance(TimeSpan.FromDays(2));
        await Admin.SignInAsync(Demo.AdminEmail);
        var staff = world.World.Browser();
        await staff.SignInAsync(interviewerEmail, InterviewerSetup.Password);
        var evaluate = $"/Interviews/{second}/Evaluate/{applicant}";
        var evaluated = await staff.SubmitAsync(await staff.GetAsync(evaluate), new Dictionary<string, string> { ["recommendation"] = "Hold" });
        Assert.Empty(evaluated.Errors);
        var bookings = await Admin.GetAsync($"/SelectionMeetings/Schedules/{second}/Bookings");
        await Admin.SubmitAsync(bookings, new Dictionary<string, string> { ["attendance"] = "Attended" }, "form.attendance");
        await Admin.SubmitAsync($"/SelectionMeetings/{world.First}/Results", new Dictionary<string, string> { ["Outcome"] = "Reject", ["RejectMail"] = "Now" },
            $"form.set-result[action*='applicantId={applicant}']");

        Saiyo.Tests.Infrastructure.HtmlPage timeline = null!;
        await ZoomWorld.EventuallyAsync(async () =>
        {
            timeline = await Admin.GetAsync($"/Applicants/{applicant}");
            return timeline.Document.QuerySelectorAll(".timeline li[data-kind=mail]").Any(li => li.TextContent.Contains("選考結果", StringComparison.Ordinal) && li.GetAttribute("data-mail-state") == "Sent");
        }, "the rejection mail on the timeline, sent", seconds: 60);
        var entries = timeline.Document.QuerySelectorAll(".timeline li").ToList();
        var kinds = entries.Select(li => li.GetAttribute("data-kind")).ToList();
        // Newest first.
        int At(string kind) => kinds.IndexOf(kind);
        Assert.True(At("result") < At("attendance") && At("attendance") < At("evaluation") && At("evaluation") < At("cancelled") && At("cancelled") < At("invited"), string.Join(", ", kinds));
        Assert.Equal(2, kinds.Count(k => k == "booked"));
        // Who acted: the interviewer's name on the evaluation, staff on the cancellation and 合否, nobody on the applicant's own booking.
        string? Actor(string kind, string text = "") =>
            entries.First(li => li.GetAttribute("data-kind") == kind && li.TextContent.Contains(text, StringComparison.Ordinal)).QuerySelector(".actor")?.TextContent;
        Assert.Contains("履歴 面接官", Actor("evaluation"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Actor("cancelled")));
        Assert.False(string.IsNullOrWhiteSpace(Actor("result")));
        Assert.False(string.IsNullOrWhiteSpace(Actor("invited")));
        Assert.False(string.IsNullOrWhiteSpace(Actor("booked", "代行予約")));
        Assert.Null(entries.First(li => li.GetAttribute("data-kind") == "booked" && !li.TextContent.Contains("代行予約", StringComparison.Ordinal)).QuerySelector(".actor"));

        // Every mail, readable by staff on click: the マイページ mail, the booking and cancellation mails, the rejection.
        var mails = entries.Where(li => li.GetAttribute("data-kind") == "mail").ToList();
        Assert.Contains(mails, li => li.TextContent.Contains("マイページ", StringComparison.Ordinal));
        Assert.True(mails.Count >= 4, string.Join(" | ", mails.Select(m => m.TextContent.Trim())));
        var href = mails.First(li => li.TextContent.Contains("選考結果", StringComparison.Ordinal)).QuerySelector("a")!.GetAttribute("href")!;
        var body = await Admin.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, body.Status);
        Assert.Contains("一次面接 東京", body.Document.QuerySelector(".mail-body")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("履歴 太郎", body.Document.QuerySelector(".mail-body")!.TextContent, StringComparison.Ordinal);

        // The interviewer, though assigned, does not see applicant pages or their mails; another applicant's mail URL is 404.
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(href)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Applicants/{applicant}")).Status);
        var other = await Admin.CreateApplicantAsync("履歴 別人", "timeline.other@example.test");
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/Applicants/{other}/Mails/{href.Split('/').Last()}")).Status);
    }
}
