using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Browser;

/// <summary>
/// Issue 6 in Chromium: a recruiter offers a shown web-interview schedule and sends the マイページ link; the applicant opens
/// the mailed link in a fresh browser, books, sees the Zoom join URL, gets the mail with the URL and an .ics at the test's
/// SMTP server, cancels and gets the CANCEL. Once in Japanese, once for an applicant whose language is English.
/// </summary>
public sealed class ApplicantBookingBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string MeetingName = "一次面接";
    private const string EventName = "Web個別面接";
    private const string Host = "host1@sandbox.zoom.test";
    private const string OtherApplicant = "高橋 美咲";

    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync(settings: s => s["Meetings:PollInterval"] = "00:00:00.200");
    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    /// <summary>What the applicant reads, per language.</summary>
    private sealed record Language(
        string Code, string Locale, string Option, string Name, string Email, string Title, string Book, string Cancel, string Full,
        string BookedMessage, string CancelledMessage, string JoinLabel, string BookedSubject, string CancelledSubject)
    {
        public CultureInfo Culture => new(Code);

        /// <summary>The schedule as the my page shows it: company zone (Asia/Tokyo), the applicant's date format.</summary>
        public string When(DateOnly day, string start, string end)
        {
            return ApplicantSetup.ApplicantWhen(day, start, end, Code);
        }
    }

    private static readonly Language Japanese = new("ja", "ja-JP", "日本語", "鈴木 一郎", "ichiro.browser@example.test", "マイページ", "予約する", "キャンセル", "満席",
        "予約しました。確認メールをお送りしました。", "予約をキャンセルしました。", "Web面接の参加URL", "ご予約を承りました", "ご予約をキャンセルしました");

    private static readonly Language English = new("en", "en-GB", "English", "Alice Smith", "alice.browser@example.test", "My page", "Book", "Cancel", "Full",
        "Booked. A confirmation mail is on its way.", "The booking was cancelled.", "Web interview link", "Booking confirmed", "Booking cancelled");

    [Fact]
    public Task A_japanese_applicant_books_a_zoom_interview_from_the_mailed_link_and_cancels_it() => RunAsync(Japanese);

    [Fact]
    public Task An_english_speaking_applicant_does_the_same_in_english() => RunAsync(English);

    private string Shot(Language lang, string name) => Path.Combine(BrowserFixture.ArtifactsDir, $"applicant-{lang.Code}-{name}.png");

    private async Task RunAsync(Language lang)
    {
        // Given: Zoom linked (flow 1, over HTTP) and a 選考会 with an event.
        var admin = _world.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(admin)).Path);
        var meetingId = await admin.CreateSelectionMeetingAsync(MeetingName);
        var eventId = await admin.AddEventAsync(meetingId, EventName);

        // The recruiter in the browser: 予約動作設定 → Zoom on host1, 新規日程作成 (日程を表示する), the URL is issued.
        var staff = await browser.NewPageAsync("ja-JP");
        var login = new LoginPage(staff, _world.SaiyoUrl);
        await login.OpenAsync();
        await login.SignInAsync(Demo.RecruiterEmail, Demo.Password, "メールアドレス", "パスワード", "ログイン");
        var selection = new SelectionPages(staff);
        await selection.OpenScheduleSettingsAsync(MeetingName);
        await selection.EditEventAsync(EventName);
        await selection.ChooseZoomAsync(Host);
        var day = SelectionSetup.TokyoDate(_world.Clock, 3);
        await selection.CreateShownScheduleAsync(EventName, day, "10:00", "10:30");
        await ZoomWorld.EventuallyAsync(async () =>
        {
            await staff.ReloadAsync();
            return await selection.JoinUrl(EventName).CountAsync() == 1;
        }, "the Zoom URL on the schedule");
        var joinUrl = (await selection.JoinUrl(EventName).GetAttributeAsync("href"))!;
        var zoomMeeting = Assert.Single(SelectionSetup.LiveMeetings(await _world.SandboxStateAsync()));
        var zoomMeetingId = zoomMeeting["id"]!.ToString();
        Assert.StartsWith($"{_world.SandboxUrl}/j/{zoomMeetingId}?pwd=", joinUrl);

        // Another applicant holds the only seat of a second schedule: ours must see it as 満席, never their name.
        var fullSlot = await admin.CreateShownScheduleAsync(eventId, day, "11:00", "11:30");
        var otherId = await admin.CreateApplicantAsync(OtherApplicant, "misaki.other@example.test");
        await admin.InviteAsync(otherId, meetingId);
        Assert.Equal("booked", ApplicantSetup.Outcome(await _world.Browser().BookAsync(await admin.SendMyPageLinkAsync(otherId), fullSlot)));
        // A third, taken by a third applicant only once ours has the page open (below).
        var lastSeat = await admin.CreateShownScheduleAsync(eventId, day, "12:00", "12:30");
        var thirdId = await admin.CreateApplicantAsync(OtherApplicant + "の友人", "misaki.friend@example.test");
        await admin.InviteAsync(thirdId, meetingId);
        var thirdLink = await admin.SendMyPageLinkAsync(thirdId);

        // 応募者を登録 → 案内する選考会 → マイページのリンクを送信.
        var applicants = new ApplicantPages(staff);
        await applicants.CreateAsync(lang.Name, lang.Email, lang.Option);
        await applicants.InviteAsync(MeetingName);
        await applicants.SendMyPageLinkAsync();
        await staff.ShotAndCheckAsync(Shot(lang, "0-staff-link-sent"));

        // The applicant takes the link from the mail the SMTP server received and opens it in a fresh browser, abroad.
        var linkMail = await MailAsync(lang.Email, m => Regex.IsMatch(m.TextBody ?? "", "/my/"));
        var link = Regex.Match(linkMail.TextBody!, @"https?://\S+/my/[A-Za-z0-9_-]{43}").Value;
        Assert.StartsWith(_world.SaiyoUrl + "/my/", link);
        var page = await browser.NewPageAsync(lang.Locale, timezoneId: "Europe/London");
        var my = new MyPage(page);
        await page.GotoAsync(link);
        await Assertions.Expect(my.Heading).ToContainTextAsync(lang.Title);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang.Code);
        await Assertions.Expect(page.GetByText(lang.Name)).ToBeVisibleAsync();
        var when = lang.When(day, "10:00", "10:30");
        await Assertions.Expect(my.Slot(when).GetByRole(AriaRole.Button, new() { Name = lang.Book, Exact = true })).ToBeVisibleAsync();
        var full = my.Slot(lang.When(day, "11:00", "11:30"));
        await Assertions.Expect(full.Locator(".full")).ToHaveTextAsync(lang.Full);
        await Assertions.Expect(full.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        // The company's zone, named as applicants say it (the browser is in London).
        await Assertions.Expect(page.GetByText(lang.Code == "ja" ? "日時はすべて日本時間で表示しています。" : "All times are shown in Japan time.")).ToBeVisibleAsync();
        await AssertApplicantOnlyAsync(page);
        await page.ShotAndCheckAsync(Shot(lang, "1-opened"));

        // 満席 meanwhile: the last seat of 12:00 goes to another applicant while the page is open. 予約する answers with the
        // message and that イベント's 日程 as they are now (the one still open offered), not the whole page, and a way back to it.
        Assert.Equal("booked", ApplicantSetup.Outcome(await _world.Browser().BookAsync(thirdLink, lastSeat)));
        await my.BookAsync(lang.When(day, "12:00", "12:30"), lang.Book);
        await Assertions.Expect(my.Outcome).ToHaveTextAsync(lang.Code == "ja" ? "満席のため予約できませんでした。別の日程をお選びください。" : "This schedule is full. Please choose another one.");
        await Assertions.Expect(my.Slot(lang.When(day, "12:00", "12:30")).Locator(".full")).ToHaveTextAsync(lang.Full);
        await Assertions.Expect(my.Slot(when).GetByRole(AriaRole.Button, new() { Name = lang.Book, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#my-bookings")).ToHaveCountAsync(0);
        await AssertApplicantOnlyAsync(page);
        await page.ShotAndCheckAsync(Shot(lang, "1-full-answer"));
        await page.GetByRole(AriaRole.Link, new() { Name = lang.Code == "ja" ? "マイページ（ご予約内容）に戻る" : "Back to my page (your bookings)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#my-bookings")).ToHaveCountAsync(1);
        Assert.Equal(link, page.Url);

        // 予約する → back on the my page (Post/Redirect/Get) with the message, the join URL and the passcode.
        await my.BookAsync(when, lang.Book);
        await Assertions.Expect(my.Outcome).ToHaveTextAsync(lang.BookedMessage);
        Assert.Equal(link, page.Url);
        await Assertions.Expect(my.JoinUrl).ToHaveAttributeAsync("href", joinUrl);
        await Assertions.Expect(my.Bookings).ToContainTextAsync(lang.JoinLabel);
        var passcode = (await my.Passcode.TextContentAsync())!.Trim();
        Assert.Matches("^[A-Za-z0-9@_*-]{1,10}$", passcode);
        await AssertApplicantOnlyAsync(page);
        await page.ShotAndCheckAsync(Shot(lang, "2-booked"));
        await page.SetViewportSizeAsync(390, 844); // applicants book on phones
        await page.ShotAndCheckAsync(Shot(lang, "2-booked-phone"));
        await page.SetViewportSizeAsync(1280, 800);

        // A refresh is a plain GET: no second booking, and the message was shown once.
        await page.ReloadAsync();
        await Assertions.Expect(my.Outcome).ToHaveCountAsync(0);
        await Assertions.Expect(my.Bookings).ToHaveCountAsync(1);

        // The join URL is the meeting's real one: it opens the sandbox's page for that meeting.
        var zoom = await page.RunAndWaitForPopupAsync(() => my.JoinUrl.ClickAsync());
        await Assertions.Expect(zoom.GetByText($"meeting ID {zoomMeetingId}")).ToBeVisibleAsync();
        await zoom.ShotAndCheckAsync(Shot(lang, "3-zoom-join"));
        await zoom.CloseAsync();

        // The booking mail: the URL, the passcode, and an invitation at the exact instant (10:00 Tokyo = 01:00 UTC).
        var startUtc = DateTime.ParseExact(SelectionSetup.ZoomUtc(day, "10:00"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var mail = await MailAsync(lang.Email, m => (m.Subject ?? "").Contains(lang.BookedSubject, StringComparison.Ordinal));
        Assert.Contains(joinUrl, mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains(passcode, mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains("10:00", mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("zak=", mail.TextBody!, StringComparison.Ordinal);
        var (request, requestText) = Invitation(mail);
        Assert.Equal("REQUEST", request.Method);
        Assert.Contains($"DTSTART:{startUtc:yyyyMMdd'T'HHmmss'Z'}", requestText, StringComparison.Ordinal);
        var invite = Assert.Single(request.Events);
        Assert.Equal(startUtc, invite.Start!.AsUtc);
        Assert.Equal(startUtc.AddMinutes(30), invite.End!.AsUtc);
        Assert.Equal(joinUrl, invite.Url?.OriginalString);
        Assert.Equal(joinUrl, invite.Location);

        // Cancel in the browser: the message, the slot bookable again, and a CANCEL for the same calendar entry.
        await my.CancelAsync(when, lang.Cancel);
        await Assertions.Expect(my.Outcome).ToHaveTextAsync(lang.CancelledMessage);
        await Assertions.Expect(my.Bookings).ToHaveCountAsync(0);
        await Assertions.Expect(my.Slot(when).GetByRole(AriaRole.Button, new() { Name = lang.Book, Exact = true })).ToBeVisibleAsync();
        await AssertApplicantOnlyAsync(page);
        await page.ShotAndCheckAsync(Shot(lang, "4-cancelled"));
        var cancelMail = await MailAsync(lang.Email, m => (m.Subject ?? "").Contains(lang.CancelledSubject, StringComparison.Ordinal));
        var (cancel, _) = Invitation(cancelMail);
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal(invite.Uid, Assert.Single(cancel.Events).Uid);
        Assert.Equal(startUtc, cancel.Events[0]!.Start!.AsUtc);
    }

    /// <summary>Nothing on the applicant's page that belongs to staff, the host or another applicant.</summary>
    private async Task AssertApplicantOnlyAsync(IPage page)
    {
        var html = await page.ContentAsync();
        Assert.DoesNotContain(_world.SandboxUrl + "/s/", html, StringComparison.Ordinal); // the host's start_url
        Assert.DoesNotContain("zak=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherApplicant, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Host, html, StringComparison.Ordinal);
        Assert.DoesNotContain("/SelectionMeetings", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Applicants", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Account/Logout", html, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("nav.sidenav").CountAsync());
    }

    private async Task<MimeMessage> MailAsync(string to, Func<MimeMessage, bool> which)
    {
        MimeMessage? found = null;
        await ZoomWorld.EventuallyAsync(() =>
        {
            found = ApplicantSetup.MailsTo(_world.Smtp, to).LastOrDefault(which);
            return Task.FromResult(found is not null);
        }, $"a mail to {to}");
        return found!;
    }

    /// <summary>The mail's text/calendar part, parsed, and its text unfolded (long lines are folded at 75 octets).</summary>
    private static (Ical.Net.Calendar Calendar, string Text) Invitation(MimeMessage mail)
    {
        var part = Assert.Single(mail.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.Equal(calendar.Method, part.ContentType.Parameters["method"]); // what mail clients act on
        return (calendar, text.Replace("\r\n ", "", StringComparison.Ordinal));
    }
}
