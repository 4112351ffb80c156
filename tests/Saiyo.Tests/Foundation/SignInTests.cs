using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

public sealed class SignInTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_login_page()
    {
        var page = await fx.App.CreateSaiyoClient().GetAsync("/Settings");
        Assert.Equal("/Account/Login", page.Path);
        Assert.Contains("管理画面ログイン", page.Text);
    }

    [Fact]
    public async Task Demo_admin_signs_in_and_sees_the_company_dashboard()
    {
        var client = fx.App.CreateSaiyoClient();
        var page = await client.SignInAsync(Demo.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/", page.Path);
        Assert.Contains(Demo.CompanyName, page.Text);
        foreach (var nav in new[] { "選考会", "応募者", "Web面接連携サービス", "設定" })
            Assert.Contains(nav, page.Document.QuerySelector("nav.sidenav")!.TextContent);
    }

    [Theory]
    [InlineData("ja", "メールアドレスまたはパスワードが正しくありません。")]
    [InlineData("en", "The e-mail address or password is incorrect.")]
    public async Task Wrong_password_gets_a_clear_message_in_the_users_language(string lang, string message)
    {
        var page = await fx.App.CreateSaiyoClient(lang).SignInAsync(Demo.RecruiterEmail, "wrong-password-1A");
        Assert.Equal("/Account/Login", page.Path);
        Assert.Contains(message, page.Errors);
        // Still signed out.
        var after = await fx.App.CreateSaiyoClient(lang).GetAsync("/");
        Assert.Equal("/Account/Login", after.Path);
    }

    [Fact]
    public async Task Empty_form_gets_field_messages_in_japanese_and_english()
    {
        var ja = await fx.App.CreateSaiyoClient("ja").SubmitAsync("/Account/Login");
        Assert.Contains("メールアドレスを入力してください。", ja.Errors);
        Assert.Contains("パスワードを入力してください。", ja.Errors);
        var en = await fx.App.CreateSaiyoClient("en").SubmitAsync("/Account/Login");
        Assert.Contains("E-mail address is required.", en.Errors);
    }

    [Fact]
    public async Task Unknown_email_wrong_password_and_lockout_get_one_and_the_same_answer()
    {
        // A staff member of its own, so that the lockout does not disturb other tests.
        var email = await AddRecruiterAsync("Lockout-Test-1");
        var wrong = await fx.App.CreateSaiyoClient().SignInAsync(email, "Wrong-Password-9");
        var unknown = await fx.App.CreateSaiyoClient().SignInAsync($"nobody-{Guid.NewGuid():N}@demo.saiyo.test", "Wrong-Password-9");
        for (var i = 0; i < 4; i++)
            await fx.App.CreateSaiyoClient().SignInAsync(email, "Wrong-Password-9");
        var locked = await fx.App.CreateSaiyoClient().SignInAsync(email, "Lockout-Test-1");

        // Five wrong passwords locked the account: the right one is refused with the very same answer.
        foreach (var page in new[] { wrong, unknown, locked })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal("/Account/Login", page.Path);
            Assert.Equal(["メールアドレスまたはパスワードが正しくありません。"], page.Errors.Distinct());
        }
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = fx.App.CreateSaiyoClient();
        var home = await client.SignInAsync(Demo.RecruiterEmail);
        var signedOut = await client.SubmitAsync(home, formSelector: "form.logout");
        Assert.Equal("/Account/Login", signedOut.Path);
        Assert.Equal("/Account/Login", (await client.GetAsync("/")).Path);
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused_and_changes_nothing()
    {
        var client = fx.App.CreateSaiyoClient();
        var page = await client.PostRawAsync("/Account/Login", [new("Input.Email", Demo.AdminEmail), new("Input.Password", Demo.Password)]);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("/Account/Login", (await client.GetAsync("/")).Path);
    }

    private async Task<string> AddRecruiterAsync(string password)
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        var email = $"lock-{Guid.NewGuid():N}@demo.saiyo.test";
        var list = await admin.SubmitAsync("/Settings/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "ロック 確認", ["Input.Email"] = email, ["Input.Password"] = password, ["Input.Role"] = "Recruiter",
        });
        Assert.Equal("/Settings/Staff", list.Path);
        return email;
    }
}
