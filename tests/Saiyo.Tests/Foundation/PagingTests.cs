using System.Globalization;
using System.Text;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>Long lists are paged (100 per page) and every row stays reachable: 応募者, 送信メール.</summary>
public sealed class PagingTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    private static List<string> Rows(HtmlPage page, string selector, Func<AngleSharp.Dom.IElement, string> key) =>
        page.Document.QuerySelectorAll(selector).Select(key).ToList();

    private static string? Link(HtmlPage page, string rel) => page.Document.QuerySelector($"nav.pager a[rel={rel}]")?.GetAttribute("href");

    [Fact]
    public async Task The_applicant_list_pages_through_every_applicant_and_keeps_the_search()
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("ページング株式会社");
        var csv = new StringBuilder("氏名,ふりがな,メールアドレス,電話番号,学校名・勤務先,言語,メモ\r\n");
        for (var i = 0; i < 105; i++) csv.Append(CultureInfo.InvariantCulture, $"応募者 {i:000},,paging{i:000}@example.test,,,ja,\r\n");
        var imported = await admin.ImportCsvAsync(Encoding.UTF8.GetBytes(csv.ToString()), "utf-8");
        Assert.Empty(imported.Errors);

        static List<string> Ids(HtmlPage p) => Rows(p, "tr[data-applicant-id]", r => r.GetAttribute("data-applicant-id")!);
        var first = await admin.GetAsync("/Applicants?q=example.test");
        Assert.Equal(100, Ids(first).Count);
        Assert.Null(Link(first, "prev"));
        Assert.Equal("/Applicants?q=example.test&p=2", Link(first, "next"));

        var second = await admin.GetAsync(Link(first, "next")!);
        Assert.Equal(5, Ids(second).Count);
        Assert.Null(Link(second, "next"));
        Assert.Equal("/Applicants?q=example.test", Link(second, "prev"));
        Assert.Equal(105, Ids(first).Concat(Ids(second)).Distinct().Count());

        // A short result has no pager; nonsense page numbers show the first page.
        var few = await admin.GetAsync("/Applicants?q=paging10");
        Assert.Equal(5, Ids(few).Count);
        Assert.Null(few.Document.QuerySelector("nav.pager"));
        foreach (var odd in new[] { "0", "-3", "abc", "99999999999" })
            Assert.Equal(Ids(first), Ids(await admin.GetAsync("/Applicants?q=example.test&p=" + odd)));
    }

    [Fact]
    public async Task Every_sent_mail_stays_reachable_in_the_mail_log()
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("メール履歴株式会社");
        var applicant = await admin.CreateApplicantAsync("履歴 太郎", "mail-log@example.test");
        for (var i = 0; i < 101; i++) await admin.SendMyPageLinkAsync(applicant); // one マイページ mail each

        static List<string> Mails(HtmlPage p) => Rows(p, "table a[href^='/Settings/Mails/']", a => a.GetAttribute("href")!);
        var first = await admin.GetAsync("/Settings/Mails");
        Assert.Equal(100, Mails(first).Count);
        var second = await admin.GetAsync(Link(first, "next")!);
        var oldest = Assert.Single(Mails(second));
        Assert.DoesNotContain(oldest, Mails(first));

        // The oldest mail opens, and its body holds the first (long revoked) link.
        var opened = await admin.GetAsync(oldest);
        Assert.Contains("/my/", opened.Document.QuerySelector("pre.mail-body")!.TextContent);
    }
}
