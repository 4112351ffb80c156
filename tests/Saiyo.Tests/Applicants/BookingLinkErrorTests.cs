using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// A booking whose personal join link keeps failing at Zoom is visible to staff: the schedule's bookings page shows
/// 「参加URL未送信: reason」 on it while the link worker retries, and the badge goes once the link went out (Zoom back within
/// NoticeWait: in the one booking mail).
/// </summary>
public sealed class BookingLinkErrorTests
{
    [Fact]
    public async Task A_booking_whose_registration_keeps_failing_shows_a_badge_with_the_reason_until_the_link_goes_out()
    {
        await using var w = await MeetingWorld.StartAsync(settings: s =>
        {
            s["Applicants:Links:BaseBackoff"] = "00:00:00.200";
            s["Applicants:Links:MaxBackoff"] = "00:00:01";
            s["Applicants:Links:PollInterval"] = "00:00:00.200";
            s["Applicants:Links:NoticeWait"] = "00:10:00"; // the recovery below comes well within it, however loaded the machine
        });
        var form = await w.Admin.GetAsync($"/SelectionMeetings/Events/{w.EventId}");
        Assert.Equal(w.SettingsUrl, (await w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.PersonalJoinLinks"] = "true" })).Path);
        var schedule = await w.Admin.CreateShownScheduleAsync(w.EventId, w.Day(3), "14:00", "14:30");
        await w.RowStateAsync(schedule, "Issued");

        // Zoom refuses every registrant add from now on.
        Assert.True((await w.World.SandboxPutFaultAsync("registrants.create", """{"error_rate":1,"error_status":500}""")).IsSuccessStatusCode);
        const string email = "rokuro@example.test";
        var id = await w.Admin.CreateApplicantAsync("中村 六郎", email);
        await w.Admin.InviteAsync(id, w.MeetingId);
        var applicant = w.World.Browser();
        var booked = await applicant.ClickAsync(await applicant.GetAsync(await w.Admin.SendMyPageLinkAsync(id)), "予約する");
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));

        var url = $"/SelectionMeetings/Schedules/{schedule}/Bookings";
        AngleSharp.Dom.IElement? badge = null;
        await ZoomWorld.EventuallyAsync(async () =>
        {
            badge = (await w.Admin.GetAsync(url)).Document.QuerySelector("tr[data-booking-id] .link-pending");
            return badge is not null && badge.TextContent.Contains("回試行", StringComparison.Ordinal);
        }, "the link-pending badge");
        Assert.StartsWith("参加URL未送信: Zoom", badge!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(badge.GetAttribute("data-link-error")));
        Assert.DoesNotContain("LinkError.", badge.TextContent, StringComparison.Ordinal);

        var en = w.World.Browser(language: "en");
        await en.SignInAsync(Demo.AdminEmail);
        var english = (await en.GetAsync(url)).Document.QuerySelector("tr[data-booking-id] .link-pending");
        Assert.NotNull(english);
        Assert.StartsWith("Link not sent yet: Zoom", english.TextContent.Trim(), StringComparison.Ordinal);

        // Zoom recovers within NoticeWait: the worker registers the applicant, sends the one booking mail with the link, and
        // the badge is gone.
        Assert.True((await w.World.SandboxControl.DeleteAsync(w.World.SandboxUrl + "/_sandbox/faults/registrants.create")).IsSuccessStatusCode);
        var confirmation = await BookingLinkTests.MailAsync(w.World, email, "ご予約を承りました");
        Assert.Contains("tk=", confirmation.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("準備ができ次第お知らせします", confirmation.TextBody!, StringComparison.Ordinal);
        await ZoomWorld.EventuallyAsync(async () =>
            (await w.Admin.GetAsync(url)).Document.QuerySelector("tr[data-booking-id] .link-pending") is null, "the badge gone");
        var page = await w.Admin.GetAsync(url);
        Assert.Single(page.Document.QuerySelectorAll("tr[data-booking-id]"));
        Assert.DoesNotContain("参加URL未送信", page.Text, StringComparison.Ordinal);
        Assert.Single(BookingLinkTests.BookingMailsTo(w.World, email));
    }
}
