using System.Text.RegularExpressions;
using MimeKit;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// The applicant's side of a web interview, against the Zoom sandbox and the test's SMTP server: the mailed マイページ
/// link, booking a shown Zoom schedule, the join URL on the page and in the mail with an .ics invitation, cancelling.
/// </summary>
public sealed class MyPageZoomTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task An_applicant_books_a_web_interview_from_the_mailed_link_and_gets_the_zoom_url_and_an_ics_by_mail()
    {
        var day = _w.Day(3);
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "14:00", "14:45");
        var row = SelectionSetup.Row(await _w.RowStateAsync(schedule, "Issued"), schedule)!;
        var joinUrl = row.QuerySelector("a.join-url")!.GetAttribute("href")!;
        var passcode = row.QuerySelector("code.passcode")!.TextContent.Trim();

        const string email = "ichiro.suzuki@example.test";
        var applicantId = await _w.Admin.CreateApplicantAsync("鈴木 一郎", email);
        await _w.Admin.InviteAsync(applicantId, _w.MeetingId);
        await _w.Admin.SendMyPageLinkAsync(applicantId);

        var linkMail = await MailAsync(email, m => (m.Subject ?? "").Contains("マイページ", StringComparison.Ordinal));
        var link = Regex.Match(linkMail.TextBody!, @"https?://[^\s]+/my/[A-Za-z0-9_-]{43}").Value;
        Assert.StartsWith(_w.World.SaiyoUrl, link);

        var applicant = _w.World.Browser();
        var page = await applicant.GetAsync(new Uri(link).AbsolutePath);
        Assert.Contains("鈴木 一郎", page.Text);
        Assert.NotNull(page.Document.QuerySelector($"tr[data-schedule-id='{schedule}']"));
        Assert.Contains(ApplicantSetup.ApplicantWhen(day, "14:00", "14:45", "ja"), page.Text);
        Assert.Contains("日時はすべて日本時間で表示しています。", page.Text);
        Assert.Contains("このURLはご本人専用です。第三者と共有しないでください。", page.Text);

        var booked = await applicant.ClickAsync(page, "予約する");
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        Assert.Equal(page.Path, booked.Path); // redirected back to the my page (Post/Redirect/Get)
        Assert.Equal(joinUrl, booked.Document.QuerySelector(".booking a.join-url")!.GetAttribute("href"));
        Assert.Equal(passcode, booked.Document.QuerySelector(".booking code.passcode")!.TextContent.Trim());
        Assert.DoesNotContain("zak=", booked.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/s/", booked.Html, StringComparison.Ordinal);

        var mail = await MailAsync(email, m => (m.Subject ?? "").Contains("ご予約を承りました", StringComparison.Ordinal));
        Assert.Contains(joinUrl, mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains(passcode, mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains("日時：" + ApplicantSetup.ApplicantWhen(day, "14:00", "14:45", "ja") + "（日本時間）", mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("Asia/Tokyo", mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("zak=", mail.TextBody!, StringComparison.Ordinal);
        var ics = ApplicantSetup.Calendar(mail);
        Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
        var invite = Assert.Single(Ical.Net.Calendar.Load(ics)!.Events);
        Assert.Equal(SelectionSetup.ZoomUtc(day, "14:00"), invite.Start!.AsUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(joinUrl, invite.Location);

        // Staff see the booking on the schedule; the applicant cancels and is told so, with a CANCEL for the calendar.
        var bookings = await _w.Admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        Assert.Contains("鈴木 一郎", bookings.Text);
        var cancelled = await applicant.ClickAsync(await applicant.ClickAsync(booked, "キャンセル"), "キャンセルする"); // with its confirmation step
        Assert.Equal("cancelled", ApplicantSetup.Outcome(cancelled));
        var cancelMail = await MailAsync(email, m => (m.Subject ?? "").Contains("キャンセル", StringComparison.Ordinal));
        Assert.Contains("METHOD:CANCEL", ApplicantSetup.Calendar(cancelMail), StringComparison.Ordinal);
        Assert.True(cancelled.Document.QuerySelector($"tr[data-schedule-id='{schedule}']") is not null, cancelled.Text);
    }

    [Fact]
    public async Task An_english_speaking_applicant_gets_the_page_and_mail_in_english_with_the_time_in_the_company_zone()
    {
        var day = _w.Day(4);
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "09:30", "10:00");
        await _w.RowStateAsync(schedule, "Issued");
        const string email = "alice@example.test";
        var id = await _w.Admin.CreateApplicantAsync("Alice Smith", email, language: "en");
        await _w.Admin.InviteAsync(id, _w.MeetingId);
        var link = await _w.Admin.SendMyPageLinkAsync(id);

        var applicant = _w.World.Browser(language: "ja");
        var page = await applicant.GetAsync(link);
        Assert.Contains("Times you can book", page.Text);
        Assert.Contains(ApplicantSetup.ApplicantWhen(day, "09:30", "10:00", "en"), page.Text);
        Assert.Contains("All times are shown in Japan time.", page.Text);
        var booked = await applicant.ClickAsync(page, "Book");
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        var mail = await MailAsync(email, m => (m.Subject ?? "").Contains("Booking confirmed", StringComparison.Ordinal));
        Assert.Contains("Date and time: " + ApplicantSetup.ApplicantWhen(day, "09:30", "10:00", "en") + " (Japan time)", mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains("Web interview link", mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains(link, mail.TextBody!, StringComparison.Ordinal); // the my page link, remembered from the mail that issued it

        // The day before, a reminder in English (once, however many polls and nodes).
        var startUtc = DateTimeOffset.Parse(SelectionSetup.ZoomUtc(day, "09:30"), System.Globalization.CultureInfo.InvariantCulture);
        _w.World.Clock.Advance(startUtc - TimeSpan.FromHours(12) - _w.World.Clock.GetUtcNow());
        var reminder = await MailAsync(email, m => (m.Subject ?? "").Contains("Reminder", StringComparison.Ordinal));
        Assert.Contains("09:30", reminder.TextBody!, StringComparison.Ordinal);
        await _w.World.SettledAsync();
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => (m.Subject ?? "").Contains("Reminder", StringComparison.Ordinal));
    }

    private async Task<MimeMessage> MailAsync(string to, Func<MimeMessage, bool> which)
    {
        MimeMessage? found = null;
        await ZoomWorld.EventuallyAsync(() =>
        {
            found = ApplicantSetup.MailsTo(_w.World.Smtp, to).LastOrDefault(which);
            return Task.FromResult(found is not null);
        }, $"a mail to {to}");
        return found!;
    }

}
