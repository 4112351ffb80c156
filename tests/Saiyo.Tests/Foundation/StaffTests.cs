using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

public sealed class StaffTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    [Fact]
    public async Task Admin_adds_a_recruiter_who_signs_in_but_cannot_manage_staff()
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        var email = $"r-{Guid.NewGuid():N}@demo.saiyo.test";
        var list = await admin.SubmitAsync("/Settings/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "新人 採用", ["Input.Email"] = email, ["Input.Password"] = "Recruiter-Pass1", ["Input.Role"] = "Recruiter",
        });
        Assert.Equal("/Settings/Staff", list.Path);
        Assert.Contains("新人 採用", list.Text);

        var recruiter = fx.App.CreateSaiyoClient();
        Assert.Equal("/", (await recruiter.SignInAsync(email, "Recruiter-Pass1")).Path);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync("/Settings/Staff")).Status);
        // Recruiters read the company settings but cannot save them.
        var settings = await recruiter.GetAsync("/Settings");
        Assert.NotNull(settings.Document.QuerySelector("fieldset[disabled]"));
    }

    [Theory]
    [InlineData("/Settings/Staff")]
    [InlineData("/Settings/Staff/Create")]
    [InlineData("/Settings/Mails")]
    [InlineData("/Integrations/Audit")] // 連携の操作履歴: who linked, from which address; admins only
    public async Task Recruiters_are_refused_the_admin_only_pages(string url)
    {
        var recruiter = fx.App.CreateSaiyoClient();
        await recruiter.SignInAsync(Demo.RecruiterEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync(url)).Status);
        Assert.Null((await recruiter.GetAsync("/Integrations")).Document.QuerySelector("main a[href='/Integrations/Audit']"));

        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).Status);
    }

    [Fact]
    public async Task Weak_password_and_duplicate_email_are_refused_with_messages()
    {
        var admin = fx.App.CreateSaiyoClient("en");
        await admin.SignInAsync(Demo.AdminEmail);
        var weak = await admin.SubmitAsync("/Settings/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Weak", ["Input.Email"] = $"w-{Guid.NewGuid():N}@demo.saiyo.test", ["Input.Password"] = "abc", ["Input.Role"] = "Recruiter",
        });
        Assert.Contains("Passwords must be at least 10 characters.", weak.Errors);

        var dup = await admin.SubmitAsync("/Settings/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Dup", ["Input.Email"] = Demo.RecruiterEmail, ["Input.Password"] = "Duplicate-Pass1", ["Input.Role"] = "Recruiter",
        });
        Assert.Contains($"The e-mail address '{Demo.RecruiterEmail}' is already in use.", dup.Errors);
    }

    [Fact]
    public async Task Disabled_staff_cannot_sign_in_until_enabled_again()
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        var email = $"d-{Guid.NewGuid():N}@demo.saiyo.test";
        var list = await admin.SubmitAsync("/Settings/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "停止 予定", ["Input.Email"] = email, ["Input.Password"] = "Disabled-Pass1", ["Input.Role"] = "Recruiter",
        });
        var edit = list.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains(email, StringComparison.Ordinal)).QuerySelector("a")!.GetAttribute("href")!;
        await admin.SubmitAsync(edit, formSelector: "form[action$='handler=Toggle']");
        Assert.Equal("/Account/Login", (await fx.App.CreateSaiyoClient().SignInAsync(email, "Disabled-Pass1")).Path);

        await admin.SubmitAsync(edit, formSelector: "form[action$='handler=Toggle']");
        Assert.Equal("/", (await fx.App.CreateSaiyoClient().SignInAsync(email, "Disabled-Pass1")).Path);
    }

    [Fact]
    public async Task Admin_cannot_remove_their_own_admin_role()
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        var list = await admin.GetAsync("/Settings/Staff");
        var self = list.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains(Demo.AdminEmail, StringComparison.Ordinal)).QuerySelector("a")!.GetAttribute("href")!;
        var page = await admin.SubmitAsync(self, new Dictionary<string, string> { ["Input.Role"] = "Recruiter" });
        Assert.Contains("自分自身の管理者権限は外せません。", page.Errors);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Settings/Staff")).Status);
    }
}
