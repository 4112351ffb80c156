using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>Instants are stored in UTC and shown in the company's time zone.</summary>
public sealed class TimeZoneDisplayTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    [Fact]
    public async Task The_same_instant_is_shown_in_whatever_zone_the_company_chooses()
    {
        var admin = await fx.App.CreateCompanyWithAdminAsync("時差株式会社");
        // Choosing 認可待ち writes an audit entry with its instant; no Zoom call is needed for that.
        await admin.SubmitAsync("/Integrations", new Dictionary<string, string> { ["WantedStatus"] = "AwaitingAuthorization" }, "form[action*='handler=Status']");
        var inTokyo = await ShownTimeAsync(admin);

        await admin.SubmitAsync("/Settings", new Dictionary<string, string> { ["Input.TimeZoneId"] = "America/New_York" });
        var inNewYork = await ShownTimeAsync(admin);

        var utc = DateTime.SpecifyKind(inTokyo.AddHours(-9), DateTimeKind.Utc);
        var expected = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal(expected, inNewYork);
        Assert.NotEqual(inTokyo, inNewYork);
    }

    private static async Task<DateTime> ShownTimeAsync(SaiyoClient admin)
    {
        var text = (await admin.GetAsync("/Integrations/Audit")).Document.QuerySelector("tr[data-action='linkage.status_changed'] td")!.TextContent.Trim();
        // "2026/11/25 (水) 23:40": drop the weekday.
        var withoutDay = System.Text.RegularExpressions.Regex.Replace(text, @"\s*\(.*?\)\s*", " ");
        return DateTime.ParseExact(withoutDay, "yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);
    }
}
