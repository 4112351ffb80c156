using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Foundation;

/// <summary>One Saiyo with Zoom linked and a real SMTP server, shared by the tests of <see cref="StaffLanguageTests"/>.</summary>
public sealed class StaffLanguageWorld : IAsyncLifetime
{
    public MeetingWorld W { get; private set; } = null!;

    public async ValueTask InitializeAsync() => W = await MeetingWorld.StartAsync(settings: s =>
    {
        s["Interviews:EvaluationReminders:After"] = "02:00:00";
        s["Interviews:EvaluationReminders:PollInterval"] = "00:00:00.200";
    });

    public async ValueTask DisposeAsync() => await W.DisposeAsync();
}

/// <summary>
/// Each staff member chooses 日本語 / English (個人設定, or an admin on the staff form): every mail to them arrives at the
/// SMTP server in that language only (Japanese when not chosen), and signing in sets their screens to it while the
/// header's switch still changes them for the session.
/// </summary>
public sealed partial class StaffLanguageTests(StaffLanguageWorld world) : IClassFixture<StaffLanguageWorld>
{
    private MeetingWorld W => world.W;

    [Fact]
    public async Task Interviewer_invitations_and_evaluation_reminders_come_in_each_interviewers_language_only()
    {
        var admin = await AdminAsync();
        var (english, englishEmail) = await admin.AddStaffAsync("Emma Brown", language: "en");
        var (japanese, japaneseEmail) = await admin.AddStaffAsync("面接 花子", language: "ja");
        var (unset, unsetEmail) = await admin.AddStaffAsync("面接 未設定");
        const string meetingName = "言語確認 一次面接", eventName = "言語確認 個別面接", applicantName = "応募 言語";
        var meeting = await admin.CreateSelectionMeetingAsync(meetingName);
        var ev = await admin.AddEventAsync(meeting, eventName, MeetingWorld.Host1);
        await admin.AssignInterviewersAsync("Events", ev, english, japanese, unset);
        var day = W.Day(1);
        var schedule = await admin.CreateShownScheduleAsync(ev, day, "10:00", "10:30");
        var applicant = await admin.CreateApplicantAsync(applicantName, $"lang-{Guid.NewGuid():N}@example.test");
        await admin.InviteAsync(applicant, meeting);
        await admin.ProxyBookAsync(schedule, applicant);
        string[] names = [Demo.CompanyName, meetingName, eventName, applicantName];

        var toEnglish = Assert.Single(await MailsAsync(englishEmail, 1));
        Assert.StartsWith("[Interview]", toEnglish.Subject);
        Assert.Contains("Dear Emma Brown", toEnglish.TextBody);
        Assert.Contains($"/Interviews/{schedule}", toEnglish.TextBody);
        AssertEnglishOnly(toEnglish, names);
        Assert.Contains("METHOD:REQUEST", ApplicantSetup.Calendar(toEnglish));
        foreach (var to in new[] { japaneseEmail, unsetEmail })
        {
            var toJapanese = Assert.Single(await MailsAsync(to, 1));
            Assert.StartsWith("【面接】", toJapanese.Subject);
            AssertJapaneseOnly(toJapanese);
        }

        // Two hours after the end nobody has evaluated: each reminder in its interviewer's language.
        var end = DateTimeOffset.Parse(SelectionSetup.ZoomUtc(day, "10:30"), CultureInfo.InvariantCulture);
        W.World.Clock.Advance(end.AddHours(2).AddMinutes(1) - W.World.Clock.GetUtcNow());
        var reminder = (await MailsAsync(englishEmail, 2)).Single(m => !m.BodyParts.Any(p => p.ContentType.MimeType == "text/calendar"));
        Assert.StartsWith("[Evaluation missing]", reminder.Subject);
        Assert.Contains($"/Interviews/{schedule}/Evaluate/{applicant}", reminder.TextBody);
        AssertEnglishOnly(reminder, names);
        foreach (var to in new[] { japaneseEmail, unsetEmail })
        {
            var toJapanese = (await MailsAsync(to, 2)).Single(m => (m.Subject ?? "").StartsWith("【評価のお願い】", StringComparison.Ordinal));
            AssertJapaneseOnly(toJapanese);
        }
    }

    [Fact]
    public async Task Linkage_notices_reach_each_admin_in_their_language_only()
    {
        var op = W.World.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var firstAdminEmail = await op.CreateCompanyAsync("言語連携社");
        var firstAdmin = W.World.Browser();
        await firstAdmin.SignInAsync(firstAdminEmail, CompanySetup.AdminPassword);
        var (_, englishAdminEmail) = await firstAdmin.AddStaffAsync("Alex Admin", role: "Admin", language: "en");
        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(firstAdmin, ZoomWorld.OtherZoomAdmin)).Path);

        // Another company's admin allows the same Zoom account: refused by Saiyo, and our admins are told.
        var stranger = W.World.Browser();
        await stranger.SignInAsync(await op.CreateCompanyAsync("言語横取り社"), CompanySetup.AdminPassword);
        await ZoomWorld.LinkZoomAsync(stranger, ZoomWorld.OtherZoomAdmin);

        var toEnglish = Assert.Single(await MailsAsync(englishAdminEmail, 1));
        Assert.Equal("[Saiyo] Your linked Zoom account was allowed for another company", toEnglish.Subject);
        AssertEnglishOnly(toEnglish, []);
        var toJapanese = Assert.Single(await MailsAsync(firstAdminEmail, 1));
        Assert.Equal("【Saiyo】連携中のZoomアカウントが別の会社で認可されようとしました", toJapanese.Subject);
        AssertJapaneseOnly(toJapanese);
    }

    [Fact]
    public async Task Signing_in_sets_the_screens_to_the_chosen_language_and_the_switch_still_changes_them()
    {
        var admin = await AdminAsync();
        var (id, email) = await admin.AddStaffAsync("Emma Screens", language: "en");
        var emma = W.World.Browser(language: "ja"); // her browser asks for Japanese

        var home = await emma.SignInAsync(email, InterviewerSetup.Password);
        Assert.Equal("/Interviews", home.Path);
        Assert.Equal("en", Lang(home));
        Assert.Contains("My interviews", home.Text);

        // The header's switch: Japanese for now.
        var switched = await emma.SubmitAsync(home, new Dictionary<string, string> { ["culture"] = "ja" }, "form.lang-switch");
        Assert.Equal("ja", Lang(switched));
        Assert.Equal("ja", Lang(await emma.GetAsync("/Profile")));

        // The next sign-in is in her language again.
        await emma.SubmitAsync(switched, formSelector: "form.logout");
        Assert.Equal("en", Lang(await emma.SignInAsync(email, InterviewerSetup.Password)));

        // 個人設定: she chooses 日本語; the screens change at once.
        var profile = await emma.GetAsync("/Profile");
        Assert.Equal("en", Selected(profile));
        var saved = await emma.SubmitAsync(profile, new Dictionary<string, string> { ["Input.Language"] = "ja" });
        Assert.Equal("/Profile", saved.Path);
        Assert.Equal("ja", Lang(saved));
        Assert.Contains("保存しました。", saved.Text);
        Assert.Equal("ja", Selected(saved));

        // A value that is not offered: a message in her language, nothing changed.
        var refused = await emma.SubmitAsync("/Profile", new Dictionary<string, string> { ["Input.Language"] = "fr" });
        Assert.Contains("正しい値を入力してください。", refused.Errors);
        Assert.Equal("ja", Selected(await admin.GetAsync($"/Settings/Staff/Edit/{id}")));
        var refusedByAdmin = await admin.SubmitAsync($"/Settings/Staff/Edit/{id}", new Dictionary<string, string> { ["Input.Language"] = "fr" });
        Assert.Contains("正しい値を入力してください。", refusedByAdmin.Errors);
        Assert.Equal("ja", Selected(await admin.GetAsync($"/Settings/Staff/Edit/{id}")));

        // The admin sets English on the staff form: her next sign-in is in English.
        Assert.Equal("/Settings/Staff", (await admin.SubmitAsync($"/Settings/Staff/Edit/{id}", new Dictionary<string, string> { ["Input.Language"] = "en" })).Path);
        Assert.Equal("en", Selected(await admin.GetAsync($"/Settings/Staff/Edit/{id}")));
        var again = W.World.Browser(language: "ja");
        Assert.Equal("en", Lang(await again.SignInAsync(email, InterviewerSetup.Password)));

        // Someone who chose nothing keeps the browser's language.
        var recruiter = W.World.Browser(language: "en");
        Assert.Equal("en", Lang(await recruiter.SignInAsync(Demo.RecruiterEmail)));
        Assert.Equal("", Selected(await recruiter.GetAsync("/Profile")));
    }

    private async Task<SaiyoClient> AdminAsync()
    {
        // A fresh sign-in: another test of this class may have moved the shared clock past older sessions.
        var admin = W.World.Browser();
        Assert.Equal("/", (await admin.SignInAsync(Demo.AdminEmail)).Path);
        return admin;
    }

    private static string? Lang(HtmlPage page) => page.Document.DocumentElement.GetAttribute("lang");

    private static string Selected(HtmlPage page) =>
        page.Document.QuerySelector("select[name='Input.Language'] option[selected]")?.GetAttribute("value") ?? "";

    /// <summary>Waits (bounded) until <paramref name="to"/> has <paramref name="count"/> mails.</summary>
    private async Task<List<MimeMessage>> MailsAsync(string to, int count)
    {
        List<MimeMessage> mails = [];
        await ZoomWorld.EventuallyAsync(() =>
        {
            mails = ApplicantSetup.MailsTo(W.World.Smtp, to);
            return Task.FromResult(mails.Count >= count);
        }, $"{count} mail(s) to {to}", seconds: 90);
        Assert.Equal(count, mails.Count);
        return mails;
    }

    /// <summary>Subject and body hold no Japanese but the proper names filled in (company, 選考会, イベント, applicant).</summary>
    private static void AssertEnglishOnly(MimeMessage mail, string[] names)
    {
        var text = mail.Subject + "\n" + mail.TextBody;
        foreach (var name in names) text = text.Replace(name, "", StringComparison.Ordinal);
        var japanese = JapaneseText().Match(text);
        Assert.False(japanese.Success, $"Japanese '{japanese.Value}' in an English mail: {text}");
    }

    /// <summary>No English half (the notices used to carry one under the Japanese).</summary>
    private static void AssertJapaneseOnly(MimeMessage mail)
    {
        Assert.Matches(JapaneseText(), mail.Subject);
        Assert.DoesNotMatch(EnglishPhrase(), mail.Subject + "\n" + mail.TextBody);
    }

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}、。「」【】（）]+")]
    private static partial Regex JapaneseText();

    // Words of the English texts that no Japanese text of these mails uses.
    [GeneratedRegex(@"\b(Dear|the|your|Your|was|is)\b")]
    private static partial Regex EnglishPhrase();
}
