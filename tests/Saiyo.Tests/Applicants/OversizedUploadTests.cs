using System.Net;
using System.Text;
using Saiyo.Tests.Browser;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>An upload over the size limit, on real Kestrel (whose limits the test server lacks), answers 413 with a page.</summary>
public sealed class OversizedUploadTests(LiveSaiyo saiyo) : IClassFixture<LiveSaiyo>
{
    [Theory]
    [InlineData("ja", "ファイルが大きすぎます")]
    [InlineData("en", "The file is too large")]
    public async Task A_huge_csv_gets_413_and_a_page_in_the_users_language_and_imports_nothing(string lang, string title)
    {
        var cookies = new CookieContainer();
        var handler = new BrowserLikeHandler(cookies) { InnerHandler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false } };
        var http = new HttpClient(handler) { BaseAddress = new Uri(saiyo.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(lang);
        // Lets Kestrel refuse before the whole body is on the wire (a browser's upload is simply cut short).
        http.DefaultRequestHeaders.ExpectContinue = true;
        var staff = new SaiyoClient(http, cookies);
        Assert.Equal("/", (await staff.SignInAsync(Demo.RecruiterEmail)).Path);

        var email = $"huge-{lang}@example.test";
        var csv = new StringBuilder("氏名,メール\n").Append($"巨大 取込,{email}\n");
        while (csv.Length < 12 * 1024 * 1024) csv.Append("埋め草,filler@example.test\n");
        var page = await staff.ImportCsvAsync(Encoding.UTF8.GetBytes(csv.ToString()), "utf-8");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Contains(title, page.Text);
        http.DefaultRequestHeaders.ExpectContinue = false;
        Assert.DoesNotContain(email, (await staff.GetAsync("/Applicants?q=" + Uri.EscapeDataString(email))).Text);
    }
}
