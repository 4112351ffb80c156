namespace Saiyo.Tests.Infrastructure;

/// <summary>Intent methods for arranging companies the way an operator would, over HTTP.</summary>
public static class CompanySetup
{
    public const string AdminPassword = "Company-Admin-Pass1";

    /// <summary>The operator (signed in on <paramref name="op"/>) creates a company; returns its first admin's e-mail.</summary>
    public static async Task<string> CreateCompanyAsync(this SaiyoClient op, string name, bool linkage = true)
    {
        var email = $"admin-{Guid.NewGuid():N}@company.test";
        var page = await op.SubmitAsync("/Operator/Companies/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.TimeZoneId"] = "Asia/Tokyo", ["Input.WebInterviewLinkageEnabled"] = linkage ? "true" : "false",
            ["Input.AdminName"] = name + " 管理者", ["Input.AdminEmail"] = email, ["Input.AdminPassword"] = AdminPassword,
        });
        Assert.Equal("/Operator/Companies", page.Path);
        return email;
    }

    /// <summary>The operator creates a company; returns a signed-in client of its first admin.</summary>
    public static async Task<SaiyoClient> CreateCompanyWithAdminAsync(this SaiyoAppFactory app, string name, bool linkage = true, string language = "ja")
    {
        var op = app.CreateSaiyoClient();
        await op.SignInAsync(Demo.OperatorEmail);
        var email = await op.CreateCompanyAsync(name, linkage);
        var admin = app.CreateSaiyoClient(language);
        Assert.Equal("/", (await admin.SignInAsync(email, AdminPassword)).Path);
        return admin;
    }
}
