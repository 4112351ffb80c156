using System.Text;
using Saiyo.Tests.Foundation;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// Applicants are people, not rows: an e-mail already registered in the company is named with a link to that 応募者,
/// on 新規登録 and in CSV取り込み (skip / update for the whole file), and a file that cannot be read says why at file level.
/// </summary>
public sealed class ApplicantIdentityTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    private const string Header = "氏名,ふりがな,メールアドレス,電話番号,学校名・勤務先,言語,メモ\r\n";

    [Fact]
    public async Task Registering_an_email_already_registered_warns_links_to_the_applicant_and_saves_only_when_confirmed()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var first = await staff.CreateApplicantAsync("木村 拓", "taku.same@example.test");

        var fields = new Dictionary<string, string> { ["Input.Name"] = "木村 拓也", ["Input.Email"] = "Taku.Same@Example.test", ["Input.Language"] = "ja" };
        var warned = await staff.SubmitAsync("/Applicants/Create", fields);
        Assert.Equal("/Applicants/Create", warned.Path);
        var warning = warned.Document.QuerySelector(".same-email")!;
        Assert.Contains("このメールアドレスの応募者はすでに登録されています", warning.TextContent);
        Assert.Equal($"/Applicants/{first}", warning.QuerySelector("a")!.GetAttribute("href"));
        Assert.Single((await staff.GetAsync("/Applicants?q=taku.same")).Document.QuerySelectorAll("tr[data-applicant-id]"));

        var saved = await staff.SubmitAsync(warned, new Dictionary<string, string> { ["CreateAnyway"] = "true" });
        Assert.Matches("^/Applicants/[0-9a-f-]{36}$", saved.Path);
        Assert.NotEqual($"/Applicants/{first}", saved.Path);
        Assert.Equal(2, (await staff.GetAsync("/Applicants?q=taku.same")).Document.QuerySelectorAll("tr[data-applicant-id]").Length);

        var english = fx.App.CreateSaiyoClient(language: "en");
        await english.SignInAsync(Demo.RecruiterEmail);
        Assert.Contains("An applicant with this e-mail is already registered", (await english.SubmitAsync("/Applicants/Create", fields)).Text);
    }

    [Fact]
    public async Task A_csv_with_registered_emails_waits_for_the_choice_then_skips_or_updates_them()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var known = await staff.CreateApplicantAsync("松本 葵", "aoi.known@example.test", organization: "北海道大学");
        var meeting = await staff.CreateSelectionMeetingAsync("取込 一次面接");
        var csv = Utf8(Header + "山口 蓮,やまぐち れん,ren.new@example.test,,九州大学,ja,\r\n松本 葵,まつもと あおい,AOI.KNOWN@example.test,,名古屋大学,ja,\r\n");

        var waiting = await staff.ImportCsvAsync(csv, "utf-8", meeting);
        Assert.Equal("/Applicants/Import", waiting.Path);
        var row = Assert.Single(waiting.Document.QuerySelectorAll(".existing-rows tr[data-line]"));
        Assert.Equal("3", row.GetAttribute("data-line"));
        Assert.Equal($"/Applicants/{known}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("1 行のメールアドレスが登録済みです。", string.Join(" ", waiting.Errors));
        Assert.Empty((await staff.GetAsync("/Applicants?q=ren.new")).Document.QuerySelectorAll("tr[data-applicant-id]"));

        var skipped = await staff.ImportCsvAsync(csv, "utf-8", meeting, "skip");
        Assert.Equal("/Applicants", skipped.Path);
        Assert.Contains("1 件の応募者を取り込みました（登録済みの 1 件はスキップ）。", skipped.Text);
        Assert.Single((await staff.GetAsync("/Applicants?q=ren.new")).Document.QuerySelectorAll("tr[data-applicant-id]"));
        Assert.Contains("北海道大学", (await staff.GetAsync($"/Applicants/{known}")).Html);

        var csv2 = Utf8(Header + "松本 葵,まつもと あおい,aoi.known@example.test,,名古屋大学,ja,\r\n");
        var updated = await staff.ImportCsvAsync(csv2, "utf-8", meeting, "update");
        Assert.Equal("/Applicants", updated.Path);
        var aoi = await staff.GetAsync($"/Applicants/{known}");
        Assert.Contains("名古屋大学", aoi.Html);
        Assert.DoesNotContain("北海道大学", aoi.Html);
        Assert.NotNull(aoi.Document.QuerySelector($"input[name='Invited'][value='{meeting}'][checked]"));
        Assert.Single((await staff.GetAsync("/Applicants?q=aoi.known")).Document.QuerySelectorAll("tr[data-applicant-id]"));
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_says_why_at_file_level_and_imports_nothing()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var sjis = System.Text.Encoding.GetEncoding("shift_jis").GetBytes(Header + "斎藤 光,さいとう ひかる,hikaru.file@example.test,,,ja,\r\n");

        var cases = new (byte[] File, string Encoding, string Message)[]
        {
            (sjis, "utf-8", "ファイルをUTF-8として読めません。"),
            (Utf8("name;email\r\n斎藤 光;hikaru.file@example.test\r\n"), "utf-8", "1行目に「氏名」と「メールアドレス」の見出しが必要です。"),
            (Utf8(Header), "utf-8", "取り込む行がありません"),
            (Utf8(Header + "斎藤 \"光,,hikaru.file@example.test,,,ja,\r\n"), "utf-8", "CSVの形式が正しくありません（2行目付近）"),
            (Utf8(Header + string.Concat(Enumerable.Range(0, 5001).Select(i => $"応募者 {i},,many{i}.file@example.test,,,ja,\r\n"))), "utf-8", "一度に取り込めるのは 5000 行までです。"),
        };
        foreach (var (file, encoding, message) in cases)
        {
            var page = await staff.ImportCsvAsync(file, encoding);
            Assert.Equal("/Applicants/Import", page.Path);
            Assert.Contains(page.Errors, e => e.Contains(message, StringComparison.Ordinal));
        }
        Assert.Empty((await staff.GetAsync("/Applicants?q=.file@example")).Document.QuerySelectorAll("tr[data-applicant-id]"));
        // The same file with the right encoding is taken.
        Assert.Equal("/Applicants", (await staff.ImportCsvAsync(sjis, "shift_jis")).Path);
        Assert.Single((await staff.GetAsync("/Applicants?q=hikaru.file")).Document.QuerySelectorAll("tr[data-applicant-id]"));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
