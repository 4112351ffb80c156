using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

public sealed class OperatorCompanyTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    private static Dictionary<string, string> NewCompany(string name, string adminEmail, bool linkage = false, string tz = "Asia/Tokyo") => new()
    {
        ["Input.Name"] = name, ["Input.TimeZoneId"] = tz, ["Input.WebInterviewLinkageEnabled"] = linkage ? "true" : "false",
        ["Input.AdminName"] = "新会社 管理者", ["Input.AdminEmail"] = adminEmail, ["Input.AdminPassword"] = "NewCompany-Pass1",
    };

    [Fact]
    public async Task Operator_creates_a_company_whose_admin_can_sign_in_and_sees_contact_sales_until_linkage_is_switched_on()
    {
        var op = fx.App.CreateSaiyoClient();
        await op.SignInAsync(Demo.OperatorEmail);
        var adminEmail = $"admin-{Guid.NewGuid():N}@newco.test";
        var list = await op.SubmitAsync("/Operator/Companies/Create", NewCompany("株式会社ニューコ", adminEmail));
        Assert.Equal("/Operator/Companies", list.Path);
        Assert.Contains("株式会社ニューコ", list.Text);

        var admin = fx.App.CreateSaiyoClient();
        var home = await admin.SignInAsync(adminEmail, "NewCompany-Pass1");
        Assert.Contains("株式会社ニューコ", home.Text);
        Assert.Contains("営業担当", (await admin.GetAsync("/Settings")).Text);

        // The operator switches 「Web面接連携」 on by contract.
        var row = list.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains("株式会社ニューコ", StringComparison.Ordinal));
        var editUrl = row.QuerySelector("a")!.GetAttribute("href")!;
        await op.SubmitAsync(editUrl, new Dictionary<string, string> { ["Input.WebInterviewLinkageEnabled"] = "true" });
        var settings = await admin.GetAsync("/Settings");
        Assert.DoesNotContain("営業担当", settings.Text);
    }

    [Theory]
    [InlineData("/SelectionMeetings")]
    [InlineData("/SelectionMeetings/Create")]
    [InlineData("/SelectionMeetings/PendingDeletions")]
    [InlineData("/SelectionMeetings/Unsent")]
    [InlineData("/Applicants")]
    [InlineData("/Applicants/Create")]
    [InlineData("/Applicants/Import")]
    [InlineData("/Integrations")]
    [InlineData("/Integrations/Zoom")]
    [InlineData("/Integrations/Audit")]
    [InlineData("/Settings")]
    [InlineData("/Settings/Staff")]
    [InlineData("/Settings/Mails")]
    [InlineData("/Settings/MailTemplates")]
    [InlineData("/Interviews")]
    public async Task Operator_opening_a_company_page_gets_not_found_never_an_error(string url)
    {
        // The operator belongs to no company: company pages are simply not there for them (was a 500).
        var op = fx.App.CreateSaiyoClient();
        await op.SignInAsync(Demo.OperatorEmail);
        var page = await op.GetAsync(url);
        Assert.True(page.Status == HttpStatusCode.NotFound, $"GET {url} as the operator answered {(int)page.Status}");
    }

    [Fact]
    public async Task Invalid_company_form_shows_messages_and_creates_nothing()
    {
        var op = fx.App.CreateSaiyoClient();
        await op.SignInAsync(Demo.OperatorEmail);
        var before = (await op.GetAsync("/Operator/Companies")).Document.QuerySelectorAll("tbody tr").Length;

        var page = await op.SubmitAsync("/Operator/Companies/Create", NewCompany("", "not-an-email"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("企業名を入力してください。", page.Errors);
        Assert.Contains("管理者のメールアドレスの形式が正しくありません。", page.Errors);

        var badZone = await op.SubmitAsync("/Operator/Companies/Create", NewCompany("火星支社", $"m-{Guid.NewGuid():N}@x.test", tz: "Mars/Olympus"));
        Assert.Contains("タイムゾーンを一覧から選んでください。", badZone.Errors);

        var weakForm = NewCompany("弱いパスワード社", $"w-{Guid.NewGuid():N}@x.test");
        weakForm["Input.AdminPassword"] = "short";
        var weak = await op.SubmitAsync("/Operator/Companies/Create", weakForm);
        Assert.Contains(weak.Errors, e => e.Contains("10文字以上", StringComparison.Ordinal));

        var after = (await op.GetAsync("/Operator/Companies")).Document.QuerySelectorAll("tbody tr").Length;
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(Demo.AdminEmail)]
    [InlineData(Demo.RecruiterEmail)]
    public async Task Company_staff_cannot_reach_operator_pages(string email)
    {
        var client = fx.App.CreateSaiyoClient();
        await client.SignInAsync(email);
        var page = await client.GetAsync("/Operator/Companies");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("アクセスできません", page.Text);
    }
}
