using System.Text.RegularExpressions;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>One Saiyo node with a test SMTP server, shared by the tests of a class.</summary>
public sealed class MailWorldFixture : IAsyncLifetime
{
    public ZoomWorld World { get; private set; } = null!;

    public async ValueTask InitializeAsync() => World = await ZoomWorld.StartAsync();
    public async ValueTask DisposeAsync() => await World.DisposeAsync();
}

/// <summary>
/// What applicants read: business Japanese and natural English on the マイページ and in the default mails, times as
/// 「2026年12月7日（月）14:00〜14:45（日本時間）」 with the company's zone named, the company's mail signature under every mail,
/// and {{mypage_url}} in the booking mails (and allowed in every template). Mails are read at the test SMTP server.
/// </summary>
public sealed class ApplicantWordingTests(MailWorldFixture fx) : IClassFixture<MailWorldFixture>
{
    private ZoomWorld W => fx.World;

    [Fact]
    public async Task A_japanese_applicant_reads_natural_japanese_with_the_time_in_japan_time_the_my_page_link_and_the_company_signature()
    {
        var admin = await CompanyAsync("署名商事", "Asia/Tokyo", sender: "人事部 採用担当 山田", contact: "recruit@shomei.example / 03-1234-5678");
        var (meeting, schedule, day) = await OnSiteScheduleAsync(admin, "一次面接", "14:00", "14:45", days: 5);
        const string email = "hanako.wording@example.test";
        var link = await InvitedAsync(admin, meeting, "山田 花子", email, "ja");
        const string signature = "--\n署名商事\n人事部 採用担当 山田\nお問い合わせ：recruit@shomei.example / 03-1234-5678";

        var myPageMail = Body(await BookingLinkTests.MailAsync(W, email, "マイページのご案内"));
        Assert.StartsWith("山田 花子 様\n\nこのたびは署名商事の採用選考にご応募いただき", myPageMail);
        Assert.Contains(W.SaiyoUrl + link + "\n\nこのURLはご本人専用です。第三者と共有しないでください。", myPageMail);
        Assert.EndsWith(signature, myPageMail);

        var applicant = W.Browser();
        var page = await applicant.GetAsync(link);
        Assert.Contains("ご予約内容", page.Text);
        Assert.Contains("日時はすべて日本時間で表示しています。", page.Text);
        Assert.Contains("このURLはご本人専用です。第三者と共有しないでください。", page.Text);
        var when = ApplicantSetup.ApplicantWhen(day, "14:00", "14:45", "ja");
        Assert.Contains(when, page.Document.QuerySelector($"tr[data-schedule-id='{schedule}']")!.TextContent);
        Assert.DoesNotContain("あなた", page.Text);
        Assert.DoesNotContain("Asia/Tokyo", page.Text);

        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));
        var booked = await BookingLinkTests.MailAsync(W, email, "ご予約を承りました");
        Assert.Equal($"【署名商事】ご予約を承りました（{when[..^6]}）", booked.Subject);
        var body = Body(booked);
        Assert.StartsWith("山田 花子 様\n\n署名商事の採用選考にお申し込みいただき、誠にありがとうございます。", body);
        Assert.Contains($"■ご予約内容\n選考：一次面接「対面面接」\n日時：{when}（日本時間）\n本社 5階 会議室A\n\n■マイページ", body);
        Assert.Contains($"{W.SaiyoUrl}{link}\nこのURLはご本人専用です。第三者と共有しないでください。", body);
        Assert.EndsWith(signature, body);
        AssertPlain(body, "署名商事");

        var cancelled = await applicant.ClickAsync(await applicant.ClickAsync(await applicant.GetAsync(link), "キャンセル"), "キャンセルする");
        Assert.Equal("cancelled", ApplicantSetup.Outcome(cancelled));
        var cancelMail = Body(await BookingLinkTests.MailAsync(W, email, "ご予約をキャンセルしました"));
        Assert.Contains($"■キャンセルしたご予約\n選考：一次面接「対面面接」\n日時：{when}（日本時間）", cancelMail);
        Assert.Contains($"{W.SaiyoUrl}{link}\nこのURLはご本人専用です。", cancelMail);
        Assert.EndsWith(signature, cancelMail);
        AssertPlain(cancelMail, "署名商事");
    }

    [Fact]
    public async Task An_english_applicant_of_a_company_in_new_york_reads_natural_english_with_the_zone_named_and_the_default_signature()
    {
        var admin = await CompanyAsync("Hudson Trading", "America/New_York");
        var (meeting, schedule, day) = await OnSiteScheduleAsync(admin, "First interview", "09:00", "09:30", days: 6);
        const string email = "grace.wording@example.test";
        var link = await InvitedAsync(admin, meeting, "Grace Hall", email, "en");

        var applicant = W.Browser(language: "ja"); // the applicant's own language wins over the browser's
        var page = await applicant.GetAsync(link);
        Assert.Contains("All times are shown in US Eastern Time.", page.Text);
        var when = ApplicantSetup.ApplicantWhen(day, "09:00", "09:30", "en");
        Assert.Contains(when, page.Document.QuerySelector($"tr[data-schedule-id='{schedule}']")!.TextContent);

        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));
        var booked = await BookingLinkTests.MailAsync(W, email, "Booking confirmed");
        Assert.Equal($"[Hudson Trading] Booking confirmed: {when[..^6]}", booked.Subject);
        var body = Body(booked);
        Assert.StartsWith("Dear Grace Hall,\n\nThank you for applying to Hudson Trading.", body);
        Assert.Contains($"Your booking\nSelection: First interview, 対面面接\nDate and time: {when} (US Eastern Time)", body);
        Assert.Contains($"{W.SaiyoUrl}{link}\nThis URL is for you only.", body);
        // No sender or contact set: the company's recruiting team signs, without a contact line.
        Assert.EndsWith("--\nHudson Trading\nRecruiting team", body);
        Assert.DoesNotMatch(@"\p{IsHiragana}|\p{IsKatakana}", body.Replace("対面面接", "", StringComparison.Ordinal));
        AssertPlain(body, "Hudson Trading");
    }

    [Fact]
    public async Task The_signature_is_one_line_per_field_and_bad_input_changes_nothing_with_a_message_in_the_users_language()
    {
        var admin = await CompanyAsync("一行商事", "Asia/Tokyo", sender: "採用チーム", contact: "saiyo@ichigyo.example");
        var refused = await admin.SubmitAsync("/Settings", SettingsFields("一行商事", "Asia/Tokyo", "採用チーム\r\nBcc: victim@example.test", new string('x', 301)));
        Assert.Equal("/Settings", refused.Path);
        Assert.Contains(refused.Errors, e => e.Contains("1行で入力してください", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("300", StringComparison.Ordinal));
        var kept = await admin.GetAsync("/Settings");
        Assert.Equal("採用チーム", kept.Document.QuerySelector("input[name='Input.MailSenderName']")!.GetAttribute("value"));
        Assert.Equal("saiyo@ichigyo.example", kept.Document.QuerySelector("input[name='Input.MailContact']")!.GetAttribute("value"));

        var english = W.Browser(language: "en");
        english.Cookies.Add(new Uri(W.SaiyoUrl), admin.Cookies.GetAllCookies());
        var refusedEn = await english.SubmitAsync("/Settings", SettingsFields("一行商事", "Asia/Tokyo", "Team\nBcc: x@example.test", ""));
        Assert.Contains(refusedEn.Errors, e => e.Contains("Please enter a single line", StringComparison.Ordinal));

        // The template preview shows the signature under the text.
        var preview = await admin.GetAsync("/Settings/MailTemplates/Booked/ja");
        Assert.Contains("お問い合わせ：saiyo@ichigyo.example", preview.Document.QuerySelector(".preview")!.TextContent);
    }

    [Fact]
    public async Task Mypage_url_is_offered_in_every_applicant_mail_template_and_a_company_template_gets_the_link()
    {
        var admin = await CompanyAsync("リンク商事", "Asia/Tokyo");
        foreach (var kind in new[] { "MyPage", "Booked", "Changed", "Moved", "Reminder", "Cancelled", "LinkReady", "LinkChanged", "NextStep", "Rejected" })
        {
            var edit = await admin.GetAsync($"/Settings/MailTemplates/{kind}/ja");
            Assert.True(edit.Document.QuerySelector("[data-placeholder='mypage_url']") is not null, $"{kind}: {edit.Text}");
        }
        var saved = await admin.SubmitAsync("/Settings/MailTemplates/Cancelled/ja", new Dictionary<string, string>
        {
            ["Input.Subject"] = "【{{company}}】キャンセルのご連絡（{{start}}）",
            ["Input.Body"] = "{{name}} 様\n\n{{when}} のご予約はキャンセルされました。\n再予約: {{mypage_url}}",
        });
        Assert.Equal("/Settings/MailTemplates", saved.Path);

        var (meeting, schedule, day) = await OnSiteScheduleAsync(admin, "説明会", "10:00", "11:00", days: 7);
        const string email = "jiro.wording@example.test";
        var link = await InvitedAsync(admin, meeting, "佐藤 次郎", email, "ja");
        var applicant = W.Browser();
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));
        await applicant.ClickAsync(await applicant.ClickAsync(await applicant.GetAsync(link), "キャンセル"), "キャンセルする");
        var body = Body(await BookingLinkTests.MailAsync(W, email, "キャンセルのご連絡"));
        Assert.Contains($"{ApplicantSetup.ApplicantWhen(day, "10:00", "11:00", "ja")}（日本時間） のご予約はキャンセルされました。\n再予約: {W.SaiyoUrl}{link}", body);
        Assert.EndsWith("--\nリンク商事\n採用担当", body);
    }

    [Fact]
    public async Task Save_buttons_say_what_they_do_in_japanese_and_english()
    {
        var op = W.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        Assert.Equal(["登録"], Buttons(await op.GetAsync("/Operator/Companies/Create")));
        var admin = await CompanyAsync("ボタン商事", "Asia/Tokyo");
        var meeting = await admin.CreateSelectionMeetingAsync("ボタン面接");
        var ev = await admin.AddEventAsync(meeting, "対面");
        var applicant = await admin.CreateApplicantAsync("ボタン 太郎", "button.wording@example.test");
        var english = W.Browser(language: "en");
        english.Cookies.Add(new Uri(W.SaiyoUrl), admin.Cookies.GetAllCookies());

        foreach (var (url, ja, en) in new[]
        {
            ("/Applicants/Create", "登録", "Register"),
            ("/Settings/Staff/Create", "追加", "Add"),
            ("/SelectionMeetings/Create", "登録", "Register"),
            ($"/SelectionMeetings/{meeting}/Events/Create", "追加", "Add"),
            ($"/SelectionMeetings/Events/{ev}/Schedules/Create", "登録", "Register"),
            ($"/SelectionMeetings/{meeting}", "保存", "Save"),
            ($"/SelectionMeetings/Events/{ev}", "保存", "Save"),
            ("/Settings", "保存", "Save"),
            ("/Settings/MailTemplates/Booked/ja", "保存", "Save"),
        })
        {
            Assert.Contains(ja, Buttons(await admin.GetAsync(url)));
            Assert.Contains(en, Buttons(await english.GetAsync(url)));
        }
        Assert.Contains("保存", Buttons(await admin.GetAsync($"/Applicants/{applicant}")));
        Assert.Contains("変更", Buttons(await admin.GetAsync("/Settings/SelectionFlow")));
        Assert.Contains("Change", Buttons(await english.GetAsync("/Settings/SelectionFlow")));
    }

    /// <summary>The texts of the submit buttons in the page's main part; never the generic 「設定」.</summary>
    private static List<string> Buttons(HtmlPage page)
    {
        var texts = page.Document.QuerySelectorAll("main button[type=submit], main button:not([type])").Select(b => b.TextContent.Trim()).ToList();
        Assert.DoesNotContain("設定", texts);
        return texts;
    }

    /// <summary>A company made by the operator, its zone and signature set by its admin in 設定.</summary>
    private async Task<SaiyoClient> CompanyAsync(string name, string zone, string sender = "", string contact = "")
    {
        var op = W.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var email = await op.CreateCompanyAsync(name);
        var admin = W.Browser();
        Assert.Equal("/", (await admin.SignInAsync(email, CompanySetup.AdminPassword)).Path);
        var saved = await admin.SubmitAsync("/Settings", SettingsFields(name, zone, sender, contact));
        Assert.True(saved.Path == "/Settings" && !saved.Errors.Any(), string.Join(" | ", saved.Errors));
        return admin;
    }

    private static Dictionary<string, string> SettingsFields(string name, string zone, string sender, string contact) => new()
    {
        ["Input.Name"] = name, ["Input.TimeZoneId"] = zone, ["Input.AutoDeleteMonths"] = "",
        ["Input.MailSenderName"] = sender, ["Input.MailContact"] = contact,
    };

    /// <summary>An on-site イベント 「対面面接」 with one shown 日程 (venue 本社 5階 会議室A) <paramref name="days"/> ahead in the company's zone.</summary>
    private async Task<(Guid Meeting, Guid Schedule, DateOnly Day)> OnSiteScheduleAsync(SaiyoClient admin, string meetingName, string start, string end, int days)
    {
        var meeting = await admin.CreateSelectionMeetingAsync(meetingName);
        var ev = await admin.AddEventAsync(meeting, "対面面接");
        var day = DateOnly.FromDateTime(W.Clock.GetUtcNow().UtcDateTime.AddDays(days));
        var page = await admin.SubmitAsync($"/SelectionMeetings/Events/{ev}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Input.StartTime"] = start,
            ["Input.EndTime"] = end, ["Input.Capacity"] = "2", ["Input.Shown"] = "true", ["Input.Venue"] = "本社 5階 会議室A",
            ["Input.AcceptWarnings"] = "true",
        });
        Assert.True(page.Path.EndsWith("/Schedules", StringComparison.Ordinal), $"{page.Path}: {string.Join(" | ", page.Errors)}");
        return (meeting, SelectionSetup.ScheduleId(page, day, start, end), day);
    }

    private static async Task<string> InvitedAsync(SaiyoClient admin, Guid meeting, string name, string email, string language)
    {
        var id = await admin.CreateApplicantAsync(name, email, language);
        await admin.InviteAsync(id, meeting);
        return await admin.SendMyPageLinkAsync(id);
    }

    private static string Body(MimeKit.MimeMessage mail) => (mail.TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>No placeholder left, no IANA id or UTC offset, no 「会社名 の」 spacing.</summary>
    private static void AssertPlain(string body, string company)
    {
        Assert.DoesNotContain("{{", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"UTC[+-]\d|Asia/|America/", body);
        Assert.DoesNotContain(company + " の", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\n{3,}", body);
    }
}
