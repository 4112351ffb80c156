using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MimeKit;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// Issue 16 point 2 on a personal-link event: a burst of bookings on one issued meeting, with the account's registrant
/// rate limit in force at the sandbox (Free plan: 4 Light calls/s), gives every applicant exactly one mail — the booking
/// confirmation carrying their own personal join link — and one registration each; with Zoom down for longer than
/// NoticeWait the confirmation says the link follows and exactly one 「参加URLのご案内」 carries it once Zoom is back.
/// </summary>
public sealed partial class BookingLinkRushTests : IAsyncLifetime
{
    private const string Booked = "ご予約を承りました", LinkReady = "参加URLのご案内", Follows = "準備ができ次第お知らせします",
        Preparing = "参加URLを準備しています。準備ができ次第メールでお送りします";
    private const int Applicants = 30;
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(plan: "Free", settings: s =>
    {
        // Saiyo paced for the account's plan, as an admin would configure it: 30 adds take about 8 s at Zoom.
        s["Zoom:RateLimits:Light"] = "4";
        s["Zoom:RateLimits:Medium"] = "2";
        s["Zoom:RateLimits:Heavy"] = "1";
        s["Applicants:Links:BaseBackoff"] = "00:00:00.500";
        s["Applicants:Links:MaxBackoff"] = "00:00:02";
    });

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_burst_of_personal_link_bookings_gives_each_applicant_one_mail_with_their_own_link()
    {
        await PersonalJoinLinksAsync();
        var created = await _w.Admin.CreateScheduleAsync(_w.EventId, _w.Day(3), "10:00", "11:00", capacity: Applicants, acceptWarnings: true);
        var schedule = SelectionSetup.ScheduleId(created, _w.Day(3), "10:00", "11:00");
        var row = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued"), schedule)!;
        var sharedUrl = row.QuerySelector("a.join-url")!.GetAttribute("href")!;
        var meetingId = Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1))["id"]!.GetValue<long>();

        var links = new ConcurrentDictionary<string, string>();
        await Parallel.ForAsync(0, 3, async (worker, _) =>
        {
            var staff = _w.World.Browser();
            await staff.SignInAsync(Demo.AdminEmail);
            for (var i = worker; i < Applicants; i += 3)
            {
                var email = $"rush-link{i:D2}@example.test";
                var id = await staff.CreateApplicantAsync($"応募者 {i:D2}", email);
                await staff.InviteAsync(id, _w.MeetingId);
                links[email] = await staff.SendMyPageLinkAsync(id);
            }
        });

        // All press 「予約する」 at once; the sandbox lets 4 registrant adds per second through.
        using var start = new ManualResetEventSlim(false);
        var attempts = links.Select(l => Task.Run(async () =>
        {
            var client = _w.World.Browser();
            start.Wait();
            return (Email: l.Key, Link: l.Value, Client: client, Page: await client.BookAsync(l.Value, schedule));
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(attempts);
        Assert.All(answers, a => Assert.Equal("booked", ApplicantSetup.Outcome(a.Page)));

        foreach (var a in answers) await BookingLinkTests.MailAsync(_w.World, a.Email, Booked);
        await _w.World.SettledAsync();

        var state = await _w.World.SandboxStateAsync();
        var personalUrls = new HashSet<string>();
        foreach (var a in answers)
        {
            var mail = Assert.Single(BookingLinkTests.BookingMailsTo(_w.World, a.Email)); // no second mail, "link follows" or not
            Assert.Contains(Booked, mail.Subject, StringComparison.Ordinal);
            var url = PersonalUrl(mail, meetingId);
            Assert.DoesNotContain(Follows, mail.TextBody!, StringComparison.Ordinal);
            Assert.DoesNotContain(sharedUrl, mail.TextBody!, StringComparison.Ordinal);
            Assert.True(personalUrls.Add(url), $"{a.Email} got another applicant's link");
            var registrant = Assert.Single(BookingLinkTests.Registrants(state, a.Email));
            Assert.Equal(meetingId, registrant["meeting_id"]!.GetValue<long>());
            Assert.Equal(url, (await a.Client.GetAsync(a.Link)).Document.QuerySelector(".booking a.join-url")!.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task Zoom_down_longer_than_the_notice_wait_gives_one_link_follows_confirmation_then_one_link_ready_mail()
    {
        await PersonalJoinLinksAsync();
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(3), "14:00", "14:30");
        await _w.RowStateAsync(schedule, "Issued");
        var meetingId = Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1))["id"]!.GetValue<long>();
        Assert.True((await _w.World.SandboxPutFaultAsync("registrants.create", """{"error_rate":1,"error_status":503}""")).IsSuccessStatusCode);
        const string email = "zoom-down@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("木村 七海", email);

        var booked = await applicant.BookAsync(link, schedule);
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        Assert.Null(booked.Document.QuerySelector(".booking a.join-url"));
        Assert.Contains(Preparing, booked.Text, StringComparison.Ordinal); // on the my page meanwhile

        // The worker has tried (staff see why the link is not out yet); within NoticeWait the applicant is sent nothing.
        var bookings = $"/SelectionMeetings/Schedules/{schedule}/Bookings";
        await ZoomWorld.EventuallyAsync(async () =>
            (await _w.Admin.GetAsync(bookings)).Document.QuerySelector("tr[data-booking-id] .link-pending")?.TextContent.Contains("回試行", StringComparison.Ordinal) == true,
            "the worker's failed registration attempts");
        Assert.Empty(BookingLinkTests.BookingMailsTo(_w.World, email));

        // NoticeWait (1 min) passes with Zoom still refusing: the confirmation goes out saying the link follows.
        _w.World.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        var confirmation = await BookingLinkTests.MailAsync(_w.World, email, Booked);
        Assert.Contains(Follows, confirmation.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("tk=", confirmation.TextBody!, StringComparison.Ordinal);
        Assert.Empty(BookingLinkTests.Registrants(await _w.World.SandboxStateAsync(), email));

        Assert.True((await _w.World.SandboxControl.DeleteAsync(_w.World.SandboxUrl + "/_sandbox/faults/registrants.create")).IsSuccessStatusCode);
        var ready = await BookingLinkTests.MailAsync(_w.World, email, LinkReady);
        var url = PersonalUrl(ready, meetingId);
        Assert.Equal(url, (await applicant.GetAsync(link)).Document.QuerySelector(".booking a.join-url")!.GetAttribute("href"));

        await _w.World.SettledAsync();
        var subjects = BookingLinkTests.BookingMailsTo(_w.World, email).Select(m => m.Subject ?? "").ToList();
        Assert.Equal(2, subjects.Count);
        Assert.Single(subjects, s => s.Contains(Booked, StringComparison.Ordinal));
        Assert.Single(subjects, s => s.Contains(LinkReady, StringComparison.Ordinal));
        Assert.Single(BookingLinkTests.Registrants(await _w.World.SandboxStateAsync(), email));
    }

    private static string PersonalUrl(MimeMessage mail, long meetingId)
    {
        var match = JoinUrl().Match(mail.TextBody!);
        Assert.True(match.Success, $"no join URL in: {mail.TextBody}");
        Assert.Contains($"/j/{meetingId}?tk=", match.Value, StringComparison.Ordinal);
        return match.Value;
    }

    private async Task PersonalJoinLinksAsync()
    {
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        var saved = await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.PersonalJoinLinks"] = "true", ["Input.ConfirmImpact"] = "true" });
        Assert.Equal(_w.SettingsUrl, saved.Path);
    }

    [GeneratedRegex(@"https?://\S+/j/\d+\?tk=\S+")]
    private static partial Regex JoinUrl();
}
