using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Browser;

/// <summary>
/// Issue 14's whole loop in Chromium, once in Japanese and once in English: the applicant books a web interview from the
/// mailed link → the 面接官 receives the .ics at the test's SMTP server (in their own language), signs in, sees it in
/// 担当の面接 and submits the 評価 → the recruiter sets 通過 from the home page's 合否待ち → the applicant receives
/// 「次の選考のご案内」, opens the my page and books the next step's web interview, which has its Zoom meeting at the sandbox.
/// </summary>
public sealed class HiringLoopBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Host1 = "host1@sandbox.zoom.test";
    private const string Host2 = "host2@sandbox.zoom.test";

    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync(settings: s => s["Meetings:PollInterval"] = "00:00:00.200");
    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    /// <summary>What the people of one run read: applicant, interviewer (their chosen language) and recruiter alike.</summary>
    private sealed record Language(
        string Code, string Locale, string Applicant, string Interviewer, string EmailLabel, string PasswordLabel, string SignIn,
        string MyInterviews, string Book, string Pass, string InterviewSubject, string NextStepSubject, string Evaluated);

    private static readonly Language Japanese = new("ja", "ja-JP", "山田 花子", "面接 太郎", "メールアドレス", "パスワード", "ログイン",
        "担当の面接", "予約する", "通過", "【面接】", "次の選考のご案内", "評価済み");

    private static readonly Language English = new("en", "en-GB", "Hannah Moore", "Oliver Grant", "E-mail address", "Password", "Sign in",
        "My interviews", "Book", "Pass", "[Interview]", "Invitation to the next step", "Evaluated");

    [Fact]
    public Task The_whole_loop_in_japanese() => RunAsync(Japanese);

    [Fact]
    public Task The_whole_loop_in_english() => RunAsync(English);

    private string Shot(Language lang, string name) => Path.Combine(BrowserFixture.ArtifactsDir, $"loop-{lang.Code}-{name}.png");

    private async Task RunAsync(Language lang)
    {
        // Given (over HTTP, as the admin clicks it): Zoom linked; 一次面接 and 二次面接 選考会 in their 選考ステップ, each with a
        // Zoom event and a shown 日程; the 面接官 (their language chosen on the staff form) on the first; the applicant invited.
        var admin = _world.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(admin)).Path);
        var first = await admin.CreateSelectionMeetingAsync("一次面接（Web）", "一次面接");
        var second = await admin.CreateSelectionMeetingAsync("二次面接（Web）", "二次面接");
        var firstEvent = await admin.AddEventAsync(first, "個別面接", Host1);
        var secondEvent = await admin.AddEventAsync(second, "役員面接", Host2);
        var (interviewerId, interviewerEmail) = await admin.AddStaffAsync(lang.Interviewer, language: lang.Code);
        // The interviewer's first sign-in replaces the password the admin set (PasswordTests covers that step itself).
        await _world.Browser().SignInAsync(interviewerEmail, InterviewerSetup.Password);
        await admin.AssignInterviewersAsync("Events", firstEvent, interviewerId);
        var day = SelectionSetup.TokyoDate(_world.Clock, 1);
        var firstSlot = await admin.CreateShownScheduleAsync(firstEvent, day, "10:00", "10:30");
        var secondSlot = await admin.CreateShownScheduleAsync(secondEvent, day.AddDays(6), "14:00", "14:45");
        var firstJoinUrl = await IssuedAsync(admin, first, firstSlot);
        var secondJoinUrl = await IssuedAsync(admin, second, secondSlot);
        var applicantEmail = $"loop-{lang.Code}-{Guid.NewGuid():N}@example.test";
        var applicantId = await admin.CreateApplicantAsync(lang.Applicant, applicantEmail, lang.Code);
        await admin.InviteAsync(applicantId, first);
        await admin.SendMyPageLinkAsync(applicantId);

        // The applicant opens the mailed link and books the web interview.
        var applicant = await browser.NewPageAsync(lang.Locale);
        var my = new MyPage(applicant);
        await applicant.GotoAsync(LinkIn(await MailAsync(applicantEmail, m => (m.TextBody ?? "").Contains("/my/", StringComparison.Ordinal))));
        await Assertions.Expect(applicant.Locator("html")).ToHaveAttributeAsync("lang", lang.Code);
        await my.SlotOf(firstSlot).GetByRole(AriaRole.Button, new() { Name = lang.Book, Exact = true }).ClickAsync();
        await Assertions.Expect(my.Outcome).ToHaveAttributeAsync("data-outcome", "booked");
        await Assertions.Expect(my.JoinUrl).ToHaveAttributeAsync("href", firstJoinUrl);
        await applicant.ShotAndCheckAsync(Shot(lang, "1-applicant-booked"));

        // The interviewer's calendar mail at the SMTP server: a REQUEST naming the applicant, in the interviewer's language.
        var invitation = await MailAsync(interviewerEmail, m => m.BodyParts.OfType<MimePart>().Any(p => p.ContentType.MimeType == "text/calendar"));
        Assert.StartsWith(lang.InterviewSubject, invitation.Subject);
        Assert.Contains(lang.Applicant, invitation.TextBody);
        Assert.Contains($"/Interviews/{firstSlot}", invitation.TextBody);
        var ics = ApplicantSetup.Calendar(invitation);
        Assert.Contains("METHOD:REQUEST", ics);
        Assert.Contains($"UID:saiyo-interview-{firstSlot:N}-{interviewerId:N}@saiyo", ics.Replace("\r\n ", "", StringComparison.Ordinal));

        // The interview is over (the shared clock moves on): the interviewer signs in and evaluates from 担当の面接.
        _world.Clock.Advance(DateTimeOffset.Parse(SelectionSetup.ZoomUtc(day, "10:35"), CultureInfo.InvariantCulture) - _world.Clock.GetUtcNow());
        var staff = await browser.NewPageAsync(lang.Locale);
        await SignInAsync(staff, lang, interviewerEmail, InterviewerSetup.Password);
        var interviews = new InterviewerPages(staff);
        await Assertions.Expect(interviews.Heading).ToHaveTextAsync(lang.MyInterviews);
        await Assertions.Expect(interviews.Interview(firstSlot)).ToContainTextAsync(lang.Applicant);
        await staff.ShotAndCheckAsync(Shot(lang, "2-my-interviews"));
        await interviews.EvaluateAsync(firstSlot, applicantId, lang.Pass);
        await Assertions.Expect(interviews.EvaluationState(firstSlot, applicantId)).ToHaveAttributeAsync("data-evaluated", "yes");
        await Assertions.Expect(interviews.EvaluationState(firstSlot, applicantId)).ToContainTextAsync(lang.Evaluated);
        await staff.ShotAndCheckAsync(Shot(lang, "3-evaluated"));

        // The recruiter's home: nothing missing, one applicant waiting for 合否 → 通過.
        var recruiter = await browser.NewPageAsync(lang.Locale);
        await SignInAsync(recruiter, lang, Demo.RecruiterEmail, Demo.Password);
        var home = new RecruiterPages(recruiter);
        await Assertions.Expect(home.Stat("missing-evaluations")).ToHaveAttributeAsync("data-missing-evaluations", "0");
        await Assertions.Expect(home.Stat("awaiting-results")).ToHaveAttributeAsync("data-awaiting-results", "1");
        await recruiter.ShotAndCheckAsync(Shot(lang, "4-home"));
        await home.OpenResultsFromHomeAsync(first);
        await home.SetResultAsync(applicantId, lang.Pass);
        await Assertions.Expect(home.Result(applicantId)).ToHaveAttributeAsync("data-outcome", "Pass");
        await recruiter.ShotAndCheckAsync(Shot(lang, "5-result-pass"));

        // 「次の選考のご案内」 with a new my page link: the applicant books the next step's web interview, its meeting at the sandbox.
        var nextStep = await MailAsync(applicantEmail, m => (m.Subject ?? "").Contains(lang.NextStepSubject, StringComparison.Ordinal));
        await applicant.GotoAsync(LinkIn(nextStep));
        await my.SlotOf(secondSlot).GetByRole(AriaRole.Button, new() { Name = lang.Book, Exact = true }).ClickAsync();
        await Assertions.Expect(my.Outcome).ToHaveAttributeAsync("data-outcome", "booked");
        var zoomMeeting = Assert.Single(SelectionSetup.MeetingsOf(await _world.SandboxStateAsync(), secondSlot));
        Assert.StartsWith($"{_world.SandboxUrl}/j/{zoomMeeting["id"]}?", secondJoinUrl);
        await Assertions.Expect(my.Bookings.Filter(new() { Has = applicant.Locator($"a.join-url[href='{secondJoinUrl}']") })).ToHaveCountAsync(1);
        // The first interview is over: its booking stays listed, without a join URL or passcode.
        var ended = my.Bookings.Filter(new() { Has = applicant.Locator(".ended") });
        await Assertions.Expect(ended).ToHaveCountAsync(1);
        await Assertions.Expect(ended.Locator("a.join-url, code.passcode")).ToHaveCountAsync(0);
        await applicant.ShotAndCheckAsync(Shot(lang, "6-next-step-booked"));
    }

    private async Task SignInAsync(IPage page, Language lang, string email, string password)
    {
        var login = new LoginPage(page, _world.SaiyoUrl);
        await login.OpenAsync();
        await login.SignInAsync(email, password, lang.EmailLabel, lang.PasswordLabel, lang.SignIn);
    }


    /// <summary>Waits until the 日程's Zoom meeting is issued; returns its join URL as 日程設定 shows it.</summary>
    private static async Task<string> IssuedAsync(SaiyoClient admin, Guid meeting, Guid schedule)
    {
        HtmlPage page = null!;
        await ZoomWorld.EventuallyAsync(async () =>
        {
            page = await admin.GetAsync($"/SelectionMeetings/{meeting}/Schedules");
            return SelectionSetup.MeetingState(page, schedule) == "Issued";
        }, $"the Zoom meeting of {schedule}", seconds: 60);
        return SelectionSetup.Row(page, schedule)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
    }

    private string LinkIn(MimeMessage mail)
    {
        var link = Regex.Match(mail.TextBody ?? "", @"https?://\S+/my/[A-Za-z0-9_-]{43}").Value;
        Assert.StartsWith(_world.SaiyoUrl + "/my/", link);
        return link;
    }

    private async Task<MimeMessage> MailAsync(string to, Func<MimeMessage, bool> which)
    {
        MimeMessage? found = null;
        await ZoomWorld.EventuallyAsync(() =>
        {
            found = ApplicantSetup.MailsTo(_world.Smtp, to).LastOrDefault(which);
            return Task.FromResult(found is not null);
        }, $"a mail to {to}", seconds: 90);
        return found!;
    }
}
