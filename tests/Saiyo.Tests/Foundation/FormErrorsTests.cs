using System.Net;
using AngleSharp.Dom;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>
/// A form with several mistakes names every one of them at once, each next to its field, in the reader's language, and
/// saves nothing — also when one mistake is only found by Identity (an e-mail in use, a weak password).
/// </summary>
public sealed class FormErrorsTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    public static readonly TheoryData<string> Languages = ["ja", "en"];

    private static string Message(string lang, string ja, string en) => lang == "ja" ? ja : en;

    /// <summary>The message shown inside the field block of <paramref name="name"/>.</summary>
    private static string ErrorAt(HtmlPage page, string name)
    {
        var input = page.Document.QuerySelector($"main [name='{name}']") ?? throw new InvalidOperationException($"No field {name} on {page.Url}");
        var field = input.Closest(".field") ?? throw new InvalidOperationException($"{name} is not in a .field block");
        return string.Join(" ", field.QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Adding_staff_with_no_name_a_taken_email_and_a_weak_password_names_all_three(string lang)
    {
        var admin = fx.App.CreateSaiyoClient(lang);
        await admin.SignInAsync(Demo.AdminEmail);
        var page = await admin.SubmitAsync("/Settings/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "", ["Input.Email"] = Demo.RecruiterEmail, ["Input.Password"] = "weak", ["Input.Role"] = "Recruiter",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/Settings/Staff/Create", page.Path);
        Assert.Equal(Message(lang, "氏名を入力してください。", "Name is required."), ErrorAt(page, "Input.DisplayName"));
        Assert.Equal(Message(lang, $"メールアドレス「{Demo.RecruiterEmail}」は既に使われています。", $"The e-mail address '{Demo.RecruiterEmail}' is already in use."), ErrorAt(page, "Input.Email"));
        Assert.Contains(Message(lang, "パスワードは10文字以上にしてください。", "Passwords must be at least 10 characters."), ErrorAt(page, "Input.Password"));
        Assert.Single((await admin.GetAsync("/Settings/Staff")).Document.QuerySelectorAll("tr"), r => r.TextContent.Contains(Demo.RecruiterEmail, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_new_company_with_no_name_a_taken_admin_email_and_a_weak_password_names_all_three_and_creates_nothing(string lang)
    {
        var op = fx.App.CreateSaiyoClient(lang);
        await op.SignInAsync(Demo.OperatorEmail);
        var before = (await op.GetAsync("/Operator/Companies")).Document.QuerySelectorAll("main tbody tr").Length;
        var page = await op.SubmitAsync("/Operator/Companies/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "", ["Input.TimeZoneId"] = "Asia/Tokyo", ["Input.AdminName"] = "新任 管理者",
            ["Input.AdminEmail"] = Demo.AdminEmail, ["Input.AdminPassword"] = "short",
        });

        Assert.Equal("/Operator/Companies/Create", page.Path);
        Assert.Equal(Message(lang, "企業名を入力してください。", "Company name is required."), ErrorAt(page, "Input.Name"));
        Assert.Equal(Message(lang, $"メールアドレス「{Demo.AdminEmail}」は既に使われています。", $"The e-mail address '{Demo.AdminEmail}' is already in use."), ErrorAt(page, "Input.AdminEmail"));
        Assert.Contains(Message(lang, "パスワードは10文字以上にしてください。", "Passwords must be at least 10 characters."), ErrorAt(page, "Input.AdminPassword"));
        Assert.Equal(before, (await op.GetAsync("/Operator/Companies")).Document.QuerySelectorAll("main tbody tr").Length);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_excel_workbook_or_an_image_is_named_as_not_a_csv_and_imports_nothing(string lang)
    {
        var staff = fx.App.CreateSaiyoClient(lang);
        await staff.SignInAsync(Demo.RecruiterEmail);
        // An .xlsx is a zip; a PNG has NUL bytes early on. Both were read as text before and said "wrong encoding" at best.
        byte[] xlsx = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, .. "[Content_Types].xml 氏名,メール\r\nbinary.file,binary@example.test\r\n"u8];
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
        foreach (var (file, encoding) in new[] { (xlsx, "utf-8"), (xlsx, "shift_jis"), (png, "utf-8") })
        {
            var page = await staff.ImportCsvAsync(file, encoding);
            Assert.Equal("/Applicants/Import", page.Path);
            Assert.StartsWith(Message(lang, "CSVファイルではないため読み込めません", "This is not a CSV file and cannot be read"), ErrorAt(page, "File"));
        }
        Assert.Empty((await staff.GetAsync("/Applicants?q=binary")).Document.QuerySelectorAll("tr[data-applicant-id]"));
    }
}
