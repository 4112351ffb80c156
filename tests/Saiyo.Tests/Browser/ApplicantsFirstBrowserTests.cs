using Microsoft.Playwright;
using Saiyo.Tests.Applicants;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Browser;

/// <summary>
/// Issue 11 in Chromium, in Japanese and English: a recruiter hides a booked 日程 (the page says the booked applicant keeps the
/// meeting) and the applicant still sees the join URL; the applicant then changes the booking through its confirmation step
/// (no slot chosen up front) and gets exactly one 「ご予約を変更しました」 mail at the test's SMTP server.
/// </summary>
public sealed class ApplicantsFirstBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    /// <summary>What staff and the applicant read, per language.</summary>
    public sealed record Language(
        string Code, string Locale, string Name, string Email, string Book, string Hide, string HiddenMessage, string Change, string Next,
        string ConfirmChange, string ChangedMessage, string BookedSubject, string ChangedSubject, string CancelledSubject)
    {
        public string When(DateOnly day, string start, string end)
        {
            return ApplicantSetup.ApplicantWhen(day, start, end, Code);
        }
    }

    public static readonly TheoryData<string> Languages = ["ja", "en"];

    private static Language Of(string code) => code == "ja"
        ? new("ja", "ja-JP", "石川 蒼", "aoi.hide@example.test", "予約する", "日程を表示しない", "予約済みの応募者 1 名はそのまま参加でき", "変更", "確認へ進む",
            "変更する", "予約を変更しました。確認メールをお送りしました。", "ご予約を承りました", "ご予約を変更しました", "ご予約をキャンセルしました")
        : new("en", "en-GB", "Grace Hall", "grace.hide@example.test", "Book", "Hide the schedule", "The 1 applicant(s) already booked keep their meeting", "Change",
            "Review the change", "Change booking", "The booking was changed. A confirmation mail is on its way.", "Booking confirmed", "Booking changed", "Booking cancelled");

    private static string Shot(Language lang, string name) => Path.Combine(BrowserFixture.ArtifactsDir, $"applicants-first-{lang.Code}-{name}.png");

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_hidden_booked_schedule_keeps_the_applicants_url_and_a_confirmed_change_sends_one_mail(string code)
    {
        var lang = Of(code);
        var day = _w.Day(3);
        var first = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "10:00", "10:30");
        var second = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "11:00", "11:30");
        var firstUrl = JoinUrl(await _w.RowStateAsync(first, "Issued", 60), first);
        var secondUrl = JoinUrl(await _w.RowStateAsync(second, "Issued", 60), second);
        var link = _w.World.SaiyoUrl + (await _w.InvitedApplicantAsync(lang.Name, lang.Email, lang.Code)).Link;

        // The applicant books the 10:00 slot in the browser.
        var page = await browser.NewPageAsync(lang.Locale);
        var my = new MyPage(page);
        await page.GotoAsync(link);
        var firstWhen = lang.When(day, "10:00", "10:30");
        var secondWhen = lang.When(day, "11:00", "11:30");
        await my.BookAsync(firstWhen, lang.Book);
        await Assertions.Expect(my.JoinUrl).ToHaveAttributeAsync("href", firstUrl);
        await BookingLinkTests.MailAsync(_w.World, lang.Email, lang.BookedSubject, 60);

        // The recruiter hides it: the page says the booked applicant keeps the meeting.
        var staff = await browser.NewPageAsync("ja-JP");
        var login = new LoginPage(staff, _w.World.SaiyoUrl);
        await login.OpenAsync();
        await login.SignInAsync(Demo.RecruiterEmail, Demo.Password, "メールアドレス", "パスワード", "ログイン");
        if (lang.Code == "en") await new AdminShell(staff).SwitchLanguageAsync("en");
        await staff.GotoAsync(_w.World.SaiyoUrl + _w.SettingsUrl);
        await staff.Locator($"tr[data-schedule-id='{first}']").GetByRole(AriaRole.Button, new() { Name = lang.Hide, Exact = true }).ClickAsync();
        await Assertions.Expect(staff.Locator(".alert-success")).ToContainTextAsync(lang.HiddenMessage);
        await Assertions.Expect(staff.Locator($"tr[data-schedule-id='{first}'] .hidden-booked")).ToBeVisibleAsync();
        await staff.ShotAndCheckAsync(Shot(lang, "1-staff-hidden-with-booking"));

        // The meeting is kept: the row settles as 発行済み with the same URL, and the applicant still sees it.
        await _w.RowStateAsync(first, "Issued", 60);
        Assert.Single(await _w.MeetingsEventuallyAsync(first, 1));
        await page.ReloadAsync();
        await Assertions.Expect(my.JoinUrl).ToHaveAttributeAsync("href", firstUrl);
        await page.ShotAndCheckAsync(Shot(lang, "2-applicant-still-has-url"));

        // 変更: the choice starts with no slot chosen, then the old and the new time to confirm.
        await my.StartChangeAsync(firstWhen, lang.Change);
        await Assertions.Expect(my.ConfirmStep).ToBeVisibleAsync();
        await Assertions.Expect(my.ConfirmStep.Locator("input[type=radio]:checked")).ToHaveCountAsync(0);
        await page.ShotAndCheckAsync(Shot(lang, "3-change-choose"));
        await my.ChangeOption(secondWhen).CheckAsync();
        await my.ConfirmStep.GetByRole(AriaRole.Button, new() { Name = lang.Next, Exact = true }).ClickAsync();
        await Assertions.Expect(my.ConfirmStep.Locator(".change-summary .to")).ToContainTextAsync(secondWhen);
        await Assertions.Expect(my.JoinUrl).ToHaveAttributeAsync("href", firstUrl); // nothing changed yet
        await page.ShotAndCheckAsync(Shot(lang, "4-change-confirm"));
        await my.ConfirmStep.GetByRole(AriaRole.Button, new() { Name = lang.ConfirmChange, Exact = true }).ClickAsync();
        await Assertions.Expect(my.Outcome).ToHaveTextAsync(lang.ChangedMessage);
        await Assertions.Expect(my.JoinUrl).ToHaveAttributeAsync("href", secondUrl);
        await page.ShotAndCheckAsync(Shot(lang, "5-changed"));

        // One mail for the change (no separate cancellation), and the hidden 日程's meeting goes with its last booking.
        var changed = await BookingLinkTests.MailAsync(_w.World, lang.Email, lang.ChangedSubject, 60);
        Assert.Contains(secondUrl, changed.TextBody!, StringComparison.Ordinal);
        await _w.MeetingsEventuallyAsync(first, 0);
        await _w.World.SettledAsync(); // a second mail would be here by now
        var subjects = ApplicantSetup.MailsTo(_w.World.Smtp, lang.Email).Select(BookingLinkTests.SubjectOf).ToList();
        Assert.Single(subjects, s => s.Contains(lang.ChangedSubject, StringComparison.Ordinal));
        Assert.Single(subjects, s => s.Contains(lang.BookedSubject, StringComparison.Ordinal));
        Assert.DoesNotContain(subjects, s => s.Contains(lang.CancelledSubject, StringComparison.Ordinal));
    }

    private static string JoinUrl(HtmlPage settings, Guid schedule) =>
        SelectionSetup.Row(settings, schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
}
