using System.Globalization;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// A new host in 「Zoomユーザ選択」 while a booking's own mail still waits in the outbox (the SMTP server is down): the
/// applicant gets ONE mail, the booking confirmation with the new host's link, counted at the test's SMTP server once it is
/// back; never the old link followed by 「参加URLが変更されました」.
/// </summary>
public sealed class HeldBookingMailTests : IAsyncLifetime
{
    private const string Booked = "ご予約を承りました", LinkChanged = "参加URLが変更されました";

    private MeetingWorld _w = null!;
    private SlowSmtpProxy _smtp = null!;

    public async ValueTask InitializeAsync()
    {
        // Saiyo sends through a relay that is not listening yet: every mail waits in the outbox, retried.
        _smtp = new SlowSmtpProxy(ZoomWorld.FreePort(), TimeSpan.Zero);
        _w = await MeetingWorld.StartAsync(settings: s =>
        {
            s["Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
            s["Applicants:Links:PollInterval"] = "00:00:00.200";
            s["Applicants:Links:BaseBackoff"] = "00:00:00.200";
            s["Applicants:Links:NoticeWait"] = "00:10:00"; // the moved meeting is ready well within it
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _w.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_host_change_before_the_booking_mail_went_out_is_one_booking_mail_with_the_new_link()
    {
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(3), "10:00", "10:30");
        var oldUrl = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 60), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        const string email = "held.booking.mail@example.test";
        var applicantId = await _w.Admin.CreateApplicantAsync("保留 送子", email);
        await _w.Admin.InviteAsync(applicantId, _w.MeetingId);
        var (applicant, link) = (_w.World.Browser(), await _w.Admin.SendMyPageLinkAsync(applicantId));
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));

        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.HostExternalUserId"] = SelectionSetup.HostOption(form, MeetingWorld.Host2), ["Input.ConfirmImpact"] = "true",
        })).Path);
        var host2 = await _w.UserIdAsync(MeetingWorld.Host2);
        await _w.MeetingsEventuallyAsync(schedule, 1, m => m["host_id"]!.GetValue<string>() == host2);
        var newUrl = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued", 60), schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        Assert.NotEqual(oldUrl, newUrl);
        // The link worker has written its mail for the change while none could go: the applicant's 履歴 lists a second mail
        // about the booking (without the fix 「参加URLが変更されました」; with it, the confirmation that replaces the withdrawn one).
        await ZoomWorld.EventuallyAsync(async () => (await _w.Admin.GetAsync($"/Applicants/{applicantId}")).Document
                .QuerySelectorAll("li[data-mail-state]").Count(li => !li.TextContent.Contains("マイページ", StringComparison.Ordinal)) >= 2,
            "the link worker's mail for the change", seconds: 60);

        // The SMTP server is back; the outbox's retries reach it (the clock moved past their backoff).
        _smtp.Start(_w.World.Smtp.Configuration.Port);
        _w.World.Clock.Advance(TimeSpan.FromMinutes(2));
        var mail = await BookingLinkTests.MailAsync(_w.World, email, Booked, 90);
        Assert.Contains(newUrl, mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(oldUrl, mail.TextBody!, StringComparison.Ordinal);
        Assert.Equal(newUrl, Assert.Single(Ical.Net.Calendar.Load(ApplicantSetup.Calendar(mail))!.Events).Location);

        await _w.World.SettledAsync(); // a second mail would have been sent and delivered by now
        var only = Assert.Single(BookingLinkTests.BookingMailsTo(_w.World, email));
        Assert.DoesNotContain(LinkChanged, only.Subject, StringComparison.Ordinal);
    }
}
