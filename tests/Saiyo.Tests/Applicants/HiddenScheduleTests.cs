using System.Net;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// 「日程を表示しない」 on a booked 日程 stops new bookings but cancels nothing: the booked applicant keeps the Zoom meeting, the
/// URL on the マイページ and gets no mail about it; staff are told so. The meeting goes when the last booking leaves.
/// Also 代行キャンセル through its confirmation step. Counted at the Zoom sandbox and the test's SMTP server.
/// </summary>
public sealed class HiddenScheduleTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Hiding_a_booked_schedule_keeps_the_meeting_and_url_for_the_applicant_and_the_last_cancel_removes_it()
    {
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(3), "13:00", "13:30");
        var joinUrl = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 60), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        const string email = "hidden.keeps@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("松本 結衣", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));
        var meeting = Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1));
        await BookingLinkTests.MailAsync(_w.World, email, "ご予約を承りました", 60);

        // 日程を表示しない: the page says the booked applicant keeps the meeting.
        var settings = await _w.SettingsAsync();
        var hidden = await _w.Admin.SubmitAsync(settings, formSelector: $"tr[data-schedule-id='{schedule}'] form[action*='handler=Toggle']");
        Assert.Contains("予約済みの応募者 1 名はそのまま参加でき、ミーティングと参加URLは残ります", hidden.Text);
        Assert.Contains("予約済み 1 名", SelectionSetup.Row(hidden, schedule)!.TextContent);

        // A later change that re-checks the event's meetings (here the waiting room) keeps it too: the worker settles the hidden
        // row with its meeting still there (the same one), and the URL stays on the マイページ.
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.WaitingRoom"] = "false" })).Path);
        // (The save made the row 発行待ち in the same transaction; 発行済み again means the worker has applied it.)
        var row = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 60), schedule)!;
        Assert.Equal(joinUrl, row.QuerySelector("a.join-url")!.GetAttribute("href"));
        Assert.Equal(meeting["id"]!.ToString(), Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1))["id"]!.ToString());
        var page = await applicant.GetAsync(link);
        Assert.Equal(joinUrl, page.Document.QuerySelector(".booking a.join-url")!.GetAttribute("href"));
        Assert.DoesNotContain("参加URLを準備しています", page.Text, StringComparison.Ordinal);

        // Nobody new can book it.
        var other = await _w.InvitedApplicantAsync("Noah Brown", "hidden.other@example.test");
        Assert.Null((await other.Applicant.GetAsync(other.Link)).Document.QuerySelector($"tr[data-schedule-id='{schedule}']"));
        Assert.Equal("closed", ApplicantSetup.Outcome(await other.Applicant.BookAsync(other.Link, schedule)));

        // The last booking leaves (with its confirmation step): the hidden 日程 no longer wants a meeting.
        var confirm = await applicant.ClickAsync(page, "キャンセル");
        Assert.Equal("confirmcancel", confirm.Document.QuerySelector("[data-step]")!.GetAttribute("data-step"));
        Assert.Equal("cancelled", ApplicantSetup.Outcome(await applicant.ClickAsync(confirm, "キャンセルする")));
        await _w.MeetingsEventuallyAsync(schedule, 0);
        await _w.RowStateAsync(schedule, "None", 60);

        // One booking mail and one cancellation, nothing about the hiding.
        await BookingLinkTests.MailAsync(_w.World, email, "ご予約をキャンセルしました", 60);
        await _w.World.SettledAsync(); // another mail would be here by now
        var mails = ApplicantSetup.MailsTo(_w.World.Smtp, email).Select(BookingLinkTests.SubjectOf).Where(s => !s.Contains("マイページ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, s => s.Contains("ご予約を承りました", StringComparison.Ordinal));
        Assert.Single(mails, s => s.Contains("ご予約をキャンセルしました", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_cancel_on_behalf_goes_through_a_confirmation_step_and_sends_one_mail()
    {
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(4), "09:00", "09:30");
        const string email = "proxy.cancel@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("井上 大翔", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));

        var bookings = await _w.Admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        var confirm = await _w.Admin.ClickAsync(bookings, "代行キャンセル");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("この予約を代行キャンセルしますか？", confirm.Text);
        Assert.Contains(email, confirm.Document.QuerySelector(".confirm-step")!.TextContent);
        Assert.Single(confirm.Document.QuerySelectorAll("tr[data-state='Active']")); // nothing cancelled by the first click

        var done = await _w.Admin.ClickAsync(confirm, "代行キャンセルを確定する");
        Assert.Empty(done.Document.QuerySelectorAll("tr[data-state='Active']"));
        Assert.Null((await applicant.GetAsync(link)).Document.QuerySelector("[data-booking-id]"));
        await BookingLinkTests.MailAsync(_w.World, email, "ご予約をキャンセルしました", 60);
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => BookingLinkTests.SubjectOf(m).Contains("キャンセル", StringComparison.Ordinal));

        // A booking id that is not on this 日程 has no confirmation step.
        Assert.Equal(HttpStatusCode.NotFound, (await _w.Admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings?handler=Cancel&bookingId={Guid.NewGuid()}")).Status);
    }

}
