using System.Net;
using Saiyo.Tests.Foundation;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// メールテンプレート: an admin rewords an applicant mail per language, applicants get it filled in, 既定に戻す brings the
/// built-in text back; bad input is refused with a message; 採用担当 read only; one company never touches another's.
/// </summary>
public sealed class MailTemplateTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    private const string List = "/Settings/MailTemplates";
    private const string BookedJa = "/Settings/MailTemplates/Booked/ja";

    [Fact]
    public async Task An_edited_japanese_booking_template_reaches_japanese_applicants_while_english_ones_keep_the_built_in_text_until_edited()
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("テンプレ商事");
        Assert.Equal("default", State(await admin.GetAsync(List), "Booked", "ja"));

        var saved = await admin.SubmitAsync(BookedJa, Texts(
            "【{{company}}】{{name}}様 面接のご予約ありがとうございます（{{start}}）",
            "{{name}} 様\r\n\r\n{{selection}}「{{event}}」を {{start}}〜{{end}} で承りました。\r\n\r\n人事部 採用担当"));
        Assert.Equal(List, saved.Path);
        Assert.Equal("edited", State(saved, "Booked", "ja"));
        Assert.Contains("テンプレ商事 管理者", Row(saved, "Booked", "ja").TextContent);

        var (meeting, ev) = await MeetingAsync(admin);
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 6);
        await BookAsync(admin, meeting, await admin.CreateShownScheduleAsync(ev, day, "10:00", "10:30"), "山田 花子", "hanako.tpl@example.test", "ja");
        await BookAsync(admin, meeting, await admin.CreateShownScheduleAsync(ev, day, "11:00", "11:30"), "Alice Brown", "alice.tpl@example.test", "en");

        var (subject, body) = await MailAsync(admin, "hanako.tpl@example.test", "面接のご予約ありがとうございます");
        Assert.Equal($"【テンプレ商事】山田 花子様 面接のご予約ありがとうございます（{ApplicantSetup.ApplicantWhen(day, "10:00", "10:30", "ja")[..^6]}）", subject);
        Assert.Contains("山田 花子 様", body);
        Assert.Contains("テンプレ一次面接「対面面接」を", body);
        Assert.Contains(ApplicantSetup.ApplicantWhen(day, "10:00", "10:30", "ja"), body);
        Assert.Contains("人事部 採用担当", body);
        Assert.DoesNotContain("{{", body + subject);
        Assert.DoesNotContain("ご予約を承りました", body);
        Assert.Contains("Booking confirmed", (await MailAsync(admin, "alice.tpl@example.test", "Booking confirmed")).Subject);

        // English edited too: the next English applicant gets the company's English words.
        await admin.SubmitAsync("/Settings/MailTemplates/Booked/en", Texts("Thanks {{name}}, see you on {{start}}", "Hello {{name}},\n\nSee you at {{start}}.\n\nHR team"));
        await BookAsync(admin, meeting, await admin.CreateShownScheduleAsync(ev, day, "12:00", "12:30"), "Bob Green", "bob.tpl@example.test", "en");
        var bob = await MailAsync(admin, "bob.tpl@example.test", "Thanks Bob Green");
        Assert.Contains("HR team", bob.Body);

        // 既定に戻す: the row goes and the built-in Japanese text applies again.
        var edit = await admin.GetAsync(BookedJa);
        var reset = await admin.SubmitAsync(edit, formSelector: "form.reset");
        Assert.Equal(BookedJa, reset.Path);
        Assert.Equal("default", reset.Document.QuerySelector("main p[data-state]")!.GetAttribute("data-state"));
        Assert.Null(reset.Document.QuerySelector("form.reset"));
        Assert.Equal("【{{company}}】ご予約を承りました（{{start}}）", reset.Document.QuerySelector("input[name='Input.Subject']")!.GetAttribute("value"));
        Assert.Equal("default", State(await admin.GetAsync(List), "Booked", "ja"));
        await BookAsync(admin, meeting, await admin.CreateShownScheduleAsync(ev, day, "13:00", "13:30"), "佐藤 次郎", "jiro.tpl@example.test", "ja");
        Assert.Contains("ご予約を承りました", (await MailAsync(admin, "jiro.tpl@example.test", "ご予約を承りました")).Subject);
    }

    [Fact]
    public async Task Several_admins_saving_the_same_new_template_at_once_all_succeed_and_one_text_is_kept()
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("同時保存商事");
        var page = await admin.GetAsync(BookedJa);
        Assert.Equal("default", page.Document.QuerySelector("main p[data-state]")!.GetAttribute("data-state"));
        var subjects = Enumerable.Range(1, 8).Select(i => $"同時保存その{i} {{{{start}}}}").ToList();

        // Every save is for the row that does not exist yet: all but one insert lose the race to the unique index.
        var answers = await Task.WhenAll(subjects.Select(subject =>
            Task.Run(() => admin.SubmitAsync(page, Texts(subject, $"{subject}\n\n人事部")))));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, List), (a.Status, a.Path)));
        var list = await admin.GetAsync(List);
        Assert.Single(list.Document.QuerySelectorAll("tr[data-kind='Booked'][data-language='ja']"));
        Assert.Equal("edited", State(list, "Booked", "ja"));
        var kept = (await admin.GetAsync(BookedJa)).Document.QuerySelector("input[name='Input.Subject']")!.GetAttribute("value");
        Assert.Contains(kept, subjects);

        // A later save updates that one row.
        var again = await admin.SubmitAsync(BookedJa, Texts("最後の保存 {{start}}", "本文"));
        Assert.Equal(List, again.Path);
        Assert.Equal("最後の保存 {{start}}", (await admin.GetAsync(BookedJa)).Document.QuerySelector("input[name='Input.Subject']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_edit_page_lists_the_placeholders_and_previews_typed_text_with_sample_values_without_saving()
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("プレビュー工業");
        var page = await admin.GetAsync("/Settings/MailTemplates/MyPage/ja");
        Assert.Equal(["name", "company", "mypage_url"], page.Document.QuerySelectorAll("[data-placeholder]").Select(d => d.GetAttribute("data-placeholder")!));
        Assert.Contains("必須", page.Document.QuerySelector("[data-placeholder='mypage_url']")!.TextContent);
        Assert.Contains("マイページのご案内", page.Document.QuerySelector(".preview")!.TextContent);

        var preview = await admin.ClickAsync(await admin.GetAsync(BookedJa), "プレビュー", Texts("{{name}} 様 {{start}}", "会場: {{venue}}"));
        var shown = preview.Document.QuerySelector(".preview")!.TextContent;
        Assert.Contains("山田 太郎 様", shown);
        Assert.Contains("10:00", shown);
        Assert.Contains("本社 5階 会議室A", shown);
        Assert.Contains("https://zoom.us/j/", shown); // the join block is appended when the body does not place {{join_url}}
        Assert.Equal("default", State(await admin.GetAsync(List), "Booked", "ja"));
    }

    [Theory]
    [InlineData("Booked", "{{company}} {{start}}", "{{name}} 様 {{shoe_size}}", "{{shoe_size}} はこのメールで使えない差し込み項目です。")]
    [InlineData("Cancelled", "{{company}} {{start}}", "{{join_url}}", "{{join_url}} はこのメールで使えない差し込み項目です。")]
    [InlineData("Booked", "{{company}}", "{{name}} 様", "このメールには {{start}} が必要です")]
    [InlineData("MyPage", "マイページ", "{{name}} 様 こちらから", "このメールには {{mypage_url}} が必要です")]
    [InlineData("Booked", "ご予約 {{start}}\r\nBcc: victim@example.test", "{{name}} 様", "件名は1行で入力してください")]
    [InlineData("Booked", "ご予約 {{start}}\nBcc: victim@example.test", "{{name}} 様", "件名は1行で入力してください")]
    [InlineData("Booked", "ご予約 {{start}}", "{{name 様", "の対応が取れていません")]
    [InlineData("Booked", "ご予約 {{start}}", "{{name}} 様 }}", "の対応が取れていません")]
    [InlineData("Booked", "", "{{name}} {{start}}", "件名を入力してください。")]
    [InlineData("Booked", "{{start}}", "", "本文を入力してください。")]
    public async Task Bad_templates_are_refused_with_a_message_and_nothing_is_saved(string kind, string subject, string body, string message)
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("検証商会");
        var url = $"/Settings/MailTemplates/{kind}/ja";
        var refused = await admin.SubmitAsync(url, Texts(subject, body));
        Assert.Equal(url, refused.Path);
        Assert.Contains(refused.Errors, e => e.Contains(message, StringComparison.Ordinal));
        Assert.Equal("default", State(await admin.GetAsync(List), kind, "ja"));
    }

    [Fact]
    public async Task Too_long_texts_are_refused_and_english_users_get_english_messages()
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("Long Words Ltd", language: "en");
        var refused = await admin.SubmitAsync(BookedJa, Texts(new string('件', 201) + "{{start}}", "{{name}} {{shoe_size}} " + new string('x', 6001)));
        Assert.Equal(BookedJa, refused.Path);
        Assert.Contains(refused.Errors, e => e.Contains("200", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("6000", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("{{shoe_size}} is not a placeholder this mail offers.", StringComparison.Ordinal));
        Assert.Equal("default", State(await admin.GetAsync(List), "Booked", "ja"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("トークン産業");
        var post = await admin.PostRawAsync(BookedJa, [new("Input.Subject", "{{start}}"), new("Input.Body", "{{name}}")]);
        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Equal("default", State(await admin.GetAsync(List), "Booked", "ja"));
    }

    [Fact]
    public async Task A_recruiter_reads_templates_but_cannot_save_or_reset_them()
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        const string url = "/Settings/MailTemplates/Cancelled/ja";
        Assert.Equal(List, (await admin.SubmitAsync(url, Texts("【デモ】キャンセル {{start}}", "{{name}} 様 キャンセルを承りました。"))).Path);

        var recruiter = fx.App.CreateSaiyoClient();
        await recruiter.SignInAsync(Demo.RecruiterEmail);
        var settings = await recruiter.GetAsync("/Settings");
        Assert.NotNull(settings.Document.QuerySelector($"main a[href='{List}']"));
        var list = await recruiter.GetAsync(List);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("edited", State(list, "Cancelled", "ja"));
        var page = await recruiter.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("【デモ】キャンセル {{start}}", page.Document.QuerySelector("input[name='Input.Subject']")!.GetAttribute("value"));
        Assert.NotNull(page.Document.QuerySelector("main form fieldset[disabled]"));
        Assert.Null(page.Document.QuerySelector("form.reset"));

        var token = page.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var handler in new[] { "", "?handler=Reset", "?handler=Preview" })
        {
            var post = await recruiter.PostRawAsync(url + handler, [new("__RequestVerificationToken", token), new("Input.Subject", "採用担当 {{start}}"), new("Input.Body", "{{name}}")]);
            Assert.True(post.Status == HttpStatusCode.Forbidden || post.Path.StartsWith("/Account/AccessDenied", StringComparison.Ordinal), $"POST {handler}: {(int)post.Status} {post.Path}");
        }
        Assert.Equal("【デモ】キャンセル {{start}}", (await admin.GetAsync(url)).Document.QuerySelector("input[name='Input.Subject']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task One_company_never_sees_or_changes_another_companys_templates()
    {
        var a = await fx.App.CreateCompanyWithAdminAsync("A社テンプレ");
        var b = await fx.App.CreateCompanyWithAdminAsync("B社テンプレ");
        await a.SubmitAsync(BookedJa, Texts("A社だけの件名 {{start}}", "A社だけの本文 {{name}}"));

        Assert.Equal("default", State(await b.GetAsync(List), "Booked", "ja"));
        var seenByB = await b.GetAsync(BookedJa);
        Assert.DoesNotContain("A社だけ", seenByB.Html);
        Assert.Equal(List, (await b.SubmitAsync(seenByB, Texts("B社の件名 {{start}}", "B社の本文 {{name}}"))).Path);
        await b.SubmitAsync(await b.GetAsync(BookedJa), formSelector: "form.reset");

        var seenByA = await a.GetAsync(BookedJa);
        Assert.Equal("A社だけの件名 {{start}}", seenByA.Document.QuerySelector("input[name='Input.Subject']")!.GetAttribute("value"));
        Assert.Equal("edited", State(await a.GetAsync(List), "Booked", "ja"));
        Assert.Equal("default", State(await b.GetAsync(List), "Booked", "ja"));

        // B's applicants get the built-in text, not A's.
        var (meeting, ev) = await MeetingAsync(b);
        await BookAsync(b, meeting, await b.CreateShownScheduleAsync(ev, SelectionSetup.TokyoDate(TimeProvider.System, 7), "10:00", "10:30"), "B社 応募者", "b.tpl@example.test", "ja");
        Assert.Contains("ご予約を承りました", (await MailAsync(b, "b.tpl@example.test", "ご予約を承りました")).Subject);
    }

    [Fact]
    public async Task The_pages_speak_english()
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("English Pages KK", language: "en");
        var list = await admin.GetAsync(List);
        Assert.Contains("Mail templates", list.Text);
        Assert.Contains("Booking confirmed", Row(list, "Booked", "en").TextContent);
        Assert.Contains("Default", Row(list, "Booked", "en").TextContent);
        Assert.Contains("Japanese", Row(list, "Booked", "ja").TextContent);

        var saved = await admin.SubmitAsync("/Settings/MailTemplates/Reminder/en", Texts("Tomorrow: {{start}}", "Dear {{name}}, see you tomorrow."));
        Assert.Contains("Edited", Row(saved, "Reminder", "en").TextContent);
        var edit = await admin.GetAsync("/Settings/MailTemplates/Reminder/en");
        Assert.Contains("Placeholders", edit.Text);
        Assert.Contains("The applicant's name", edit.Text);
        Assert.Contains("Taro Yamada", edit.Document.QuerySelector(".preview")!.TextContent);
        Assert.Equal("Reset to default", edit.Document.QuerySelector("form.reset button")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Settings/MailTemplates/Nonsense/en")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Settings/MailTemplates/Booked/fr")).Status);
    }

    private static Dictionary<string, string> Texts(string subject, string body) => new() { ["Input.Subject"] = subject, ["Input.Body"] = body };

    private static AngleSharp.Dom.IElement Row(HtmlPage list, string kind, string language) =>
        list.Document.QuerySelector($"tr[data-kind='{kind}'][data-language='{language}']") ?? throw new InvalidOperationException($"No row {kind}/{language} on {list.Path}: {list.Text}");

    private static string State(HtmlPage list, string kind, string language) => Row(list, kind, language).GetAttribute("data-state")!;

    private static async Task<(Guid Meeting, Guid Event)> MeetingAsync(SaiyoClient admin)
    {
        var meeting = await admin.CreateSelectionMeetingAsync("テンプレ一次面接");
        return (meeting, await admin.AddEventAsync(meeting, "対面面接"));
    }

    /// <summary>Registers an applicant, offers the 選考会, sends the link; the applicant books <paramref name="schedule"/> on their my page.</summary>
    private async Task BookAsync(SaiyoClient admin, Guid meeting, Guid schedule, string name, string email, string language)
    {
        var id = await admin.CreateApplicantAsync(name, email, language);
        await admin.InviteAsync(id, meeting);
        var link = await admin.SendMyPageLinkAsync(id);
        Assert.Equal("booked", ApplicantSetup.Outcome(await fx.App.CreateSaiyoClient().BookAsync(link, schedule)));
    }

    /// <summary>
    /// The newest mail to <paramref name="to"/> whose subject contains <paramref name="subjectPart"/>, read in 送信メール; a booking
    /// mail is written by the dispatcher after the booking's commit, so this waits for it (bounded).
    /// </summary>
    private static async Task<(string Subject, string Body)> MailAsync(SaiyoClient admin, string to, string subjectPart)
    {
        AngleSharp.Dom.IElement? row = null;
        await ZoomWorld.EventuallyAsync(async () =>
        {
            var list = await admin.GetAsync("/Settings/Mails");
            row = list.Document.QuerySelectorAll("tbody tr")
                .FirstOrDefault(r => r.TextContent.Contains(to, StringComparison.Ordinal) && r.TextContent.Contains(subjectPart, StringComparison.Ordinal));
            return row is not null;
        }, $"a mail to {to} about {subjectPart} in 送信メール", seconds: 60);
        var mail = await admin.GetAsync(row!.QuerySelector("a")!.GetAttribute("href")!);
        return (mail.Document.QuerySelector("#mail-subject")!.TextContent.Trim(), mail.Document.QuerySelector("pre.mail-body")!.TextContent);
    }
}
