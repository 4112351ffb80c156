using System.Net;
using MimeKit;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// One mail per change, counted at the test's SMTP server: the applicant's 変更 (after choosing and confirming, no slot chosen
/// up front) is one 「ご予約を変更しました」 with the new time, the link and an .ics REQUEST updating the same calendar entry; a
/// staff move is one 「日時が変更されました」 that carries the link once the meeting is updated; a host change whose new meeting is
/// not ready within the wait says the link follows, and exactly one 「参加URLのご案内」 follows.
/// </summary>
public sealed class OneMailPerChangeTests : IAsyncLifetime
{
    private const string Booked = "ご予約を承りました", Changed = "ご予約を変更しました", Moved = "ご予約の日時が変更されました",
        Cancelled = "ご予約をキャンセルしました", LinkReady = "参加URLのご案内", LinkChanged = "参加URLが変更されました";

    // Long enough that an updated meeting is ready within it on a loaded machine; the "not ready" case moves the clock past it.
    private static readonly TimeSpan NoticeWait = TimeSpan.FromMinutes(5);

    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() =>
        _w = await MeetingWorld.StartAsync(settings: s => s["Applicants:Links:NoticeWait"] = NoticeWait.ToString());

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task An_applicants_change_is_confirmed_first_and_sends_one_changed_mail_with_the_link_and_the_same_calendar_entry()
    {
        var day = _w.Day(3);
        var first = await IssuedAsync(day, "10:00", "10:30");
        var second = await IssuedAsync(day, "11:00", "11:30");
        var secondUrl = SelectionSetup.Row(await _w.RowStateAsync(second, "Issued", 60), second)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        const string email = "change.once@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("森 悠真", email);
        var booked = await applicant.BookAsync(link, first);
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        var bookedMail = await BookingLinkTests.MailAsync(_w.World, email, Booked, 60);

        // 変更 opens the choice with no slot chosen; going on without one changes nothing.
        var choose = await applicant.ClickAsync(booked, "変更");
        Assert.Equal("choosechange", Step(choose));
        Assert.NotEmpty(choose.Document.QuerySelectorAll(".confirm-step input[type=radio][name=scheduleId]"));
        Assert.Empty(choose.Document.QuerySelectorAll(".confirm-step input[type=radio][checked]"));
        var none = await applicant.ClickAsync(choose, "確認へ進む");
        Assert.Equal((HttpStatusCode.BadRequest, "choosechange"), (none.Status, Step(none)));
        Assert.Contains("変更先の日程を選んでください。予約は変更されていません。", none.Text);

        // Chosen: the old and the new time to confirm, still nothing changed.
        var confirm = await applicant.ClickAsync(choose, "確認へ進む", new Dictionary<string, string> { ["scheduleId"] = second.ToString() });
        Assert.Equal("confirmchange", Step(confirm));
        Assert.Contains("10:00", confirm.Document.QuerySelector(".change-summary .from")!.TextContent);
        Assert.Contains("11:00", confirm.Document.QuerySelector(".change-summary .to")!.TextContent);
        Assert.Contains("10:00", confirm.Document.QuerySelector("[data-booking-id]")!.TextContent);

        var changed = await applicant.ClickAsync(confirm, "変更する");
        Assert.Equal("changed", ApplicantSetup.Outcome(changed));
        Assert.Equal(secondUrl, changed.Document.QuerySelector(".booking a.join-url")!.GetAttribute("href"));

        var mail = await BookingLinkTests.MailAsync(_w.World, email, Changed, 60);
        Assert.Contains("11:00", mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains(secondUrl, mail.TextBody!, StringComparison.Ordinal);
        var ics = ApplicantSetup.Calendar(mail);
        var update = Assert.Single(Ical.Net.Calendar.Load(ics)!.Events);
        var original = Assert.Single(Ical.Net.Calendar.Load(ApplicantSetup.Calendar(bookedMail))!.Events);
        Assert.Equal("REQUEST", Ical.Net.Calendar.Load(ics)!.Method);
        Assert.Equal(original.Uid, update.Uid);
        Assert.True(update.Sequence > original.Sequence, $"SEQUENCE {update.Sequence} after {original.Sequence}");
        Assert.Equal(secondUrl, update.Location);

        await SettledAsync();
        Assert.Equal([Booked, Changed], Subjects(email));
    }

    [Fact]
    public async Task A_change_on_a_personal_link_event_is_one_mail_with_the_personal_link_on_the_new_meeting()
    {
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.PersonalJoinLinks"] = "true" })).Path);
        var day = _w.Day(5);
        var first = await IssuedAsync(day, "09:00", "09:30");
        var second = await IssuedAsync(day, "09:30", "10:00");
        const string email = "personal.change@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("村上 健太", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, first)));
        await BookingLinkTests.MailAsync(_w.World, email, Booked, 60);

        var changed = await applicant.PostRawAsync(link + "?handler=Change", [new("bookingId", BookingId(await applicant.GetAsync(link))), new("scheduleId", second.ToString())]);
        Assert.Equal("changed", ApplicantSetup.Outcome(changed));

        var meeting = Assert.Single(await _w.MeetingsEventuallyAsync(second, 1));
        var mail = await BookingLinkTests.MailAsync(_w.World, email, Changed, 60);
        Assert.Contains($"/j/{meeting["id"]}?tk=", mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("準備ができ次第お知らせします", mail.TextBody!, StringComparison.Ordinal);
        await ZoomWorld.EventuallyAsync(async () => BookingLinkTests.Registrants(await _w.World.SandboxStateAsync(), email)
            .Count(r => r["status"]!.GetValue<string>() == "approved") == 1, "one live registration, on the new meeting", 60);

        await SettledAsync();
        Assert.Equal([Booked, Changed], Subjects(email));
    }

    [Fact]
    public async Task A_staff_move_sends_one_mail_that_carries_the_link_once_the_meeting_is_updated()
    {
        var schedule = await IssuedAsync(_w.Day(4), "14:00", "14:30");
        var joinUrl = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 60), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        const string email = "moved.once@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("Olivia Green", email, "ja");
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));
        var bookedMail = await BookingLinkTests.MailAsync(_w.World, email, Booked, 60);

        var moved = await _w.Admin.SubmitAsync($"/SelectionMeetings/Schedules/{schedule}", new Dictionary<string, string>
        {
            ["Input.StartTime"] = "16:00", ["Input.EndTime"] = "16:45", ["Input.AcceptWarnings"] = "true",
        });
        Assert.EndsWith("/Schedules", moved.Path);

        var mail = await BookingLinkTests.MailAsync(_w.World, email, Moved, 90);
        Assert.Contains("16:00", mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains(joinUrl, mail.TextBody!, StringComparison.Ordinal); // the updated meeting keeps its URL, and the mail has it
        Assert.DoesNotContain("準備ができ次第お知らせします", mail.TextBody!, StringComparison.Ordinal);
        Assert.Equal(Uid(ApplicantSetup.Calendar(bookedMail)), Uid(ApplicantSetup.Calendar(mail)));

        await SettledAsync();
        Assert.Equal([Booked, Moved], Subjects(email));
    }

    [Fact]
    public async Task A_host_change_whose_meeting_is_not_ready_in_time_says_the_link_follows_and_exactly_one_follow_up_carries_it()
    {
        var schedule = await IssuedAsync(_w.Day(3), "15:00", "15:30");
        var oldUrl = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 60), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        const string email = "host.follows@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("林 美月", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));
        await BookingLinkTests.MailAsync(_w.World, email, Booked, 60);

        // host2's daily quota is used up: the moved meeting waits until 00:00 UTC.
        Assert.True((await _w.World.SandboxPutFaultAsync("meetings.create", """{"force_429":"Daily-limit","count":1}""")).IsSuccessStatusCode);
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.HostExternalUserId"] = SelectionSetup.HostOption(form, MeetingWorld.Host2), ["Input.ConfirmImpact"] = "true" })).Path);
        await _w.RowStateAsync(schedule, "Waiting", 60);
        Assert.Equal([Booked], Subjects(email)); // within the wait: nothing yet

        _w.World.Clock.Advance(NoticeWait + TimeSpan.FromMinutes(1));
        var follows = await BookingLinkTests.MailAsync(_w.World, email, LinkChanged, 60);
        Assert.Contains("準備ができ次第お知らせします", follows.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(oldUrl, follows.TextBody!, StringComparison.Ordinal);

        _w.World.Clock.Advance(TimeSpan.FromHours(25)); // past 00:00 UTC: the meeting is created on host2
        Assert.Equal("/", (await _w.Admin.SignInAsync(Demo.AdminEmail)).Path);
        var newUrl = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 90), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        Assert.NotEqual(oldUrl, newUrl);
        var ready = await BookingLinkTests.MailAsync(_w.World, email, LinkReady, 60);
        Assert.Contains(newUrl, ready.TextBody!, StringComparison.Ordinal);
        Assert.Equal(newUrl, (await applicant.GetAsync(link)).Document.QuerySelector(".booking a.join-url")!.GetAttribute("href"));

        await SettledAsync();
        Assert.Equal([Booked, LinkChanged, LinkReady], Subjects(email));
    }

    private async Task<Guid> IssuedAsync(DateOnly day, string start, string end)
    {
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, start, end);
        await _w.RowStateAsync(schedule, "Issued", 60);
        return schedule;
    }


    /// <summary>
    /// The booking mails to <paramref name="email"/>, each named by the kind its subject shows, in a fixed order (the SMTP
    /// server's list is not in sending order).
    /// </summary>
    private List<string> Subjects(string email) =>
        [.. ApplicantSetup.MailsTo(_w.World.Smtp, email).Select(BookingLinkTests.SubjectOf)
            .Select(s => Kinds.FirstOrDefault(k => s.Contains(k, StringComparison.Ordinal)))
            .Where(k => k is not null).Select(k => k!).OrderBy(k => Array.IndexOf(Kinds, k))];

    private static readonly string[] Kinds = [Booked, Changed, Moved, Cancelled, LinkChanged, LinkReady];

    /// <summary>Both workers quiet and the mails delivered, so that a second mail would have been sent and delivered by now.</summary>
    private Task SettledAsync() => _w.World.SettledAsync();

    private static string BookingId(HtmlPage myPage) => myPage.Document.QuerySelector("[data-booking-id]")!.GetAttribute("data-booking-id")!;

    private static string? Step(HtmlPage page) => page.Document.QuerySelector("[data-step]")?.GetAttribute("data-step");

    private static string Uid(string ics) => Assert.Single(Ical.Net.Calendar.Load(ics)!.Events).Uid!;
}
