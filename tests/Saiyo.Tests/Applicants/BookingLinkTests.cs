using System.Text.Json.Nodes;
using MimeKit;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// The applicant's join link follows the meeting, against the Zoom sandbox and the test's SMTP server: personal join links
/// registered at booking and cancelled on cancel, "your link is ready" after a booking made before the meeting existed,
/// "your link changed" after a new host or a re-issue, a lost registration found again, and two nodes mailing once.
/// </summary>
public sealed class BookingLinkTests : IAsyncLifetime
{
    private const string Booked = "ご予約を承りました", LinkReady = "参加URLのご案内", LinkChanged = "参加URLが変更されました";
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_personal_link_event_registers_the_applicant_at_booking_and_cancels_the_registration_on_cancel()
    {
        await PersonalJoinLinksAsync();
        var (schedule, sharedUrl) = await IssuedScheduleAsync(_w.Day(3), "14:00", "14:45");
        const string email = "hanako@example.test";
        var (applicant, page) = await ApplicantPageAsync("山田 花子", email);

        var booked = await applicant.ClickAsync(page, "予約する");
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));

        var meeting = Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1));
        var registrant = Assert.Single(Registrants(await _w.World.SandboxStateAsync(), email));
        Assert.Equal(meeting["id"]!.GetValue<long>(), registrant["meeting_id"]!.GetValue<long>());
        Assert.Equal("approved", registrant["status"]!.GetValue<string>());
        Assert.Equal("山田 花子", registrant["first_name"]!.GetValue<string>());

        var personal = booked.Document.QuerySelector(".booking a.join-url")!.GetAttribute("href")!;
        Assert.Contains("tk=", personal, StringComparison.Ordinal);
        Assert.NotEqual(sharedUrl, personal);
        Assert.DoesNotContain(sharedUrl, booked.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("zak=", booked.Html, StringComparison.Ordinal);

        var mail = await MailAsync(email, Booked);
        Assert.Contains(personal, mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(sharedUrl, mail.TextBody!, StringComparison.Ordinal);
        Assert.Equal(personal, Assert.Single(Ical.Net.Calendar.Load(ApplicantSetup.Calendar(mail))!.Events).Location);

        var cancelled = await applicant.ClickAsync(await applicant.ClickAsync(booked, "キャンセル"), "キャンセルする"); // with its confirmation step
        Assert.Equal("cancelled", ApplicantSetup.Outcome(cancelled));
        await ZoomWorld.EventuallyAsync(async () =>
            Registrants(await _w.World.SandboxStateAsync(), email).Single()["status"]!.GetValue<string>() == "cancelled", "the registration cancelled at Zoom");
        await _w.World.SettledAsync(); // one booking mail, no link mail, one registrant
        var mails = ApplicantSetup.MailsTo(_w.World.Smtp, email);
        Assert.Single(mails, m => Subject(m).Contains(Booked, StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => Subject(m).Contains(LinkReady, StringComparison.Ordinal) || Subject(m).Contains(LinkChanged, StringComparison.Ordinal));
        Assert.Single(Registrants(await _w.World.SandboxStateAsync(), email));
    }

    [Fact]
    public async Task A_booking_made_before_the_meeting_is_issued_gets_the_link_by_mail_once_it_is()
    {
        // The host's daily quota is used: the schedule is bookable but waits for its meeting until 00:00 UTC.
        Assert.True((await _w.World.SandboxPutFaultAsync("meetings.create", """{"force_429":"Daily-limit","count":1}""")).IsSuccessStatusCode);
        var day = _w.Day(3);
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "10:00", "10:30");
        await _w.RowStateAsync(schedule, "Waiting");
        const string email = "jiro@example.test";
        var (applicant, page) = await ApplicantPageAsync("佐藤 次郎", email);

        var booked = await applicant.ClickAsync(page, "予約する");
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        Assert.Null(booked.Document.QuerySelector(".booking a.join-url"));
        Assert.Contains("参加URLを準備しています。準備ができ次第メールでお送りします", booked.Text, StringComparison.Ordinal);
        var bookingMail = await MailAsync(email, Booked);
        Assert.Contains("準備ができ次第お知らせします", bookingMail.TextBody!, StringComparison.Ordinal);

        _w.World.Clock.Advance(TimeSpan.FromHours(25)); // past 00:00 UTC: the worker resumes and issues it
        Assert.Equal("/", (await _w.Admin.SignInAsync(Demo.AdminEmail)).Path); // a day later the staff session has ended
        var page2 = await _w.RowStateAsync(schedule, "Issued");
        var joinUrl = SelectionSetup.Row(page2, schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;

        var ready = await MailAsync(email, LinkReady);
        Assert.Contains(joinUrl, ready.TextBody!, StringComparison.Ordinal);
        Assert.Contains("10:00", ready.TextBody!, StringComparison.Ordinal);
        var ics = ApplicantSetup.Calendar(ready);
        Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
        Assert.Equal(Uid(ApplicantSetup.Calendar(bookingMail)), Uid(ics)); // the same calendar entry, updated
        Assert.Equal(joinUrl, (await applicant.GetAsync(page.Path)).Document.QuerySelector(".booking a.join-url")!.GetAttribute("href"));
        await _w.World.SettledAsync();
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => Subject(m).Contains(LinkReady, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_host_gives_a_new_meeting_a_new_registration_and_a_link_changed_mail()
    {
        await PersonalJoinLinksAsync();
        var (schedule, _) = await IssuedScheduleAsync(_w.Day(3), "11:00", "11:30");
        const string email = "saburo@example.test";
        var (applicant, page) = await ApplicantPageAsync("Saburo Tanaka", email, "en");
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.ClickAsync(page, "Book")));
        var first = await MailAsync(email, "Booking confirmed");
        var old = Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1));

        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        // The booked applicants were listed with their mail before this save (impact before effect): confirmed.
        var saved = await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.HostExternalUserId"] = SelectionSetup.HostOption(form, MeetingWorld.Host2), ["Input.ConfirmImpact"] = "true" });
        Assert.Equal(_w.SettingsUrl, saved.Path);
        var host2 = await _w.UserIdAsync(MeetingWorld.Host2);
        var moved = Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1, m => m["host_id"]!.GetValue<string>() == host2));

        var changed = await MailAsync(email, "link has changed");
        var registrants = Registrants(await _w.World.SandboxStateAsync(), email);
        var current = Assert.Single(registrants, r => r["meeting_id"]!.GetValue<long>() == moved["id"]!.GetValue<long>());
        Assert.Equal("approved", current["status"]!.GetValue<string>());
        var url = (await applicant.GetAsync(page.Path)).Document.QuerySelector(".booking a.join-url")!.GetAttribute("href")!;
        Assert.Contains($"/j/{moved["id"]}?tk=", url, StringComparison.Ordinal);
        Assert.Contains(url, changed.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain($"/j/{old["id"]}", changed.TextBody!, StringComparison.Ordinal);
        Assert.Equal(Uid(ApplicantSetup.Calendar(first)), Uid(ApplicantSetup.Calendar(changed)));
    }

    [Fact]
    public async Task A_meeting_deleted_on_zooms_side_is_issued_again_and_the_applicant_gets_the_new_link()
    {
        var (schedule, sharedUrl) = await IssuedScheduleAsync(_w.Day(3), "15:00", "15:30");
        const string email = "shiro@example.test";
        var (applicant, page) = await ApplicantPageAsync("高橋 四郎", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.ClickAsync(page, "予約する")));
        Assert.Contains(sharedUrl, (await MailAsync(email, Booked)).TextBody!, StringComparison.Ordinal);
        var old = Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1));

        Assert.True((await _w.World.SandboxPostAsync($"meetings/{old["id"]}/delete")).IsSuccessStatusCode);
        var again = Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1, m => m["id"]!.ToString() != old["id"]!.ToString()));

        var changed = await MailAsync(email, LinkChanged);
        Assert.Contains($"/j/{again["id"]}?pwd=", changed.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(sharedUrl, changed.TextBody!, StringComparison.Ordinal);
        await _w.World.SettledAsync();
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => Subject(m).Contains(LinkChanged, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registration_whose_response_is_lost_is_found_by_email_and_never_doubled()
    {
        await PersonalJoinLinksAsync();
        var (schedule, _) = await IssuedScheduleAsync(_w.Day(3), "16:00", "16:30");
        Assert.True((await _w.World.SandboxPutFaultAsync("registrants.create", """{"drop_after_commit_rate":1.0,"count":1}""")).IsSuccessStatusCode);
        const string email = "goro@example.test";
        var (applicant, page) = await ApplicantPageAsync("伊藤 五郎", email);

        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.ClickAsync(page, "予約する")));

        // The worker finds the registration the lost answer made, and the one booking mail carries its link.
        var booked = await MailAsync(email, Booked);
        var registrant = Assert.Single(Registrants(await _w.World.SandboxStateAsync(), email));
        var meeting = Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1));
        Assert.Equal(meeting["id"]!.GetValue<long>(), registrant["meeting_id"]!.GetValue<long>());
        Assert.Contains($"/j/{meeting["id"]}?tk=", booked.TextBody!, StringComparison.Ordinal);
        await _w.World.SettledAsync();
        Assert.Single(Registrants(await _w.World.SandboxStateAsync(), email));
        Assert.Single(BookingMailsTo(_w.World, email));
    }

    internal static string SubjectOf(MimeMessage m) => Subject(m);

    /// <summary>The mails an applicant got about their bookings: all but the マイページ link that invited them.</summary>
    internal static List<MimeMessage> BookingMailsTo(ZoomWorld world, string email) =>
        [.. ApplicantSetup.MailsTo(world.Smtp, email).Where(m => !Subject(m).Contains("マイページのご案内", StringComparison.Ordinal))];

    private async Task PersonalJoinLinksAsync()
    {
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        var saved = await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.PersonalJoinLinks"] = "true", ["Input.ConfirmImpact"] = "true" });
        Assert.Equal(_w.SettingsUrl, saved.Path);
    }

    private async Task<(Guid Schedule, string JoinUrl)> IssuedScheduleAsync(DateOnly day, string start, string end)
    {
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, start, end);
        var row = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued"), schedule)!;
        return (schedule, row.QuerySelector("a.join-url")!.GetAttribute("href")!);
    }

    private async Task<(SaiyoClient Applicant, HtmlPage Page)> ApplicantPageAsync(string name, string email, string language = "ja")
    {
        var id = await _w.Admin.CreateApplicantAsync(name, email, language);
        await _w.Admin.InviteAsync(id, _w.MeetingId);
        var link = await _w.Admin.SendMyPageLinkAsync(id);
        var applicant = _w.World.Browser();
        return (applicant, await applicant.GetAsync(link));
    }

    internal static List<JsonObject> Registrants(JsonObject state, string email) =>
        [.. state["registrants"]!.AsArray().Select(r => r!.AsObject()).Where(r => string.Equals(r["email"]!.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase))];

    private static string Subject(MimeMessage m) => m.Subject ?? "";

    private async Task<MimeMessage> MailAsync(string to, string subject) => await MailAsync(_w.World, to, subject);

    internal static async Task<MimeMessage> MailAsync(ZoomWorld world, string to, string subject, int seconds = 120)
    {
        MimeMessage? found = null;
        await ZoomWorld.EventuallyAsync(() =>
        {
            found = ApplicantSetup.MailsTo(world.Smtp, to).LastOrDefault(m => Subject(m).Contains(subject, StringComparison.Ordinal));
            return Task.FromResult(found is not null);
        }, $"a mail to {to} about '{subject}'", seconds);
        return found!;
    }

    private static string Uid(string ics) => Assert.Single(Ical.Net.Calendar.Load(ics)!.Events).Uid!;
}
