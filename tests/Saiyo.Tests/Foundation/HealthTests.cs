using System.Net;

namespace Saiyo.Tests.Foundation;

public sealed class HealthTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    [Fact]
    public async Task Healthz_checks_the_database_without_signing_in()
    {
        using var response = await fx.App.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_page_names_a_favicon_that_is_served()
    {
        // Without one, browsers ask for /favicon.ico on every page load and get a 404.
        var client = fx.App.CreateClient();
        var login = await client.GetStringAsync("/Account/Login");
        Assert.Contains("rel=\"icon\" href=\"/favicon.svg\"", login, StringComparison.Ordinal);
        using var icon = await client.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }
}
