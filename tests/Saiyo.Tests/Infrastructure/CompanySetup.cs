namespace Saiyo.Tests.Infrastructure;

/// <summary>Intent methods for arranging companies the way an operator would, over HTTP.</summary>
public static class CompanySetup
{
    /// <summary>The operator creates a company; returns a signed-in client of its first admin.</summary>
    public static async Task<SaiyoClient> CreateCompanyWithAdminAsync(this SaiyoAppFactory app, string name, bool linkage = true, string language = "ja")
    {
        var op = app.CreateSaiyoClient();
        await op.SignInAsync(Demo.OperatorEmail);
        var email = $"admin-{Guid.NewGuid():N}@company.test";
        const string password = "Company-Admin-Pass1";
        var page = await op.SubmitAsync("/Operator/Companies/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.TimeZoneId"] = "Asia/Tokyo", ["Input.WebInterviewLinkageEnabled"] = linkage ? "true" : "false",
            ["Input.AdminName"] = name + " 管理者", ["Input.AdminEmail"] = email, ["Input.AdminPassword"] = password,
        });
        Assert.Equal("/Operator/Companies", page.Path);
        var admin = app.CreateSaiyoClient(language);
        Assert.Equal("/", (await admin.SignInAsync(email, password)).Path);
        return admin;
    }
}
