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
}
