using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Saiyo.Zoom.Tests.Client;

public sealed class RegistrationTests
{
    [Fact]
    public void Options_bind_from_the_Zoom_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zoom:ClientId"] = "cid",
            ["Zoom:ClientSecret"] = "secret",
            ["Zoom:WebhookSecretToken"] = "whs",
            ["Zoom:RedirectUri"] = "https://saiyo.example/zoom/callback",
            ["Zoom:OAuthBaseUrl"] = "http://localhost:5100/zoom-sandbox",
            ["Zoom:ApiBaseUrl"] = "http://localhost:5100/zoom-sandbox/api",
            ["Zoom:WebhookTimestampTolerance"] = "00:02:00",
            ["Zoom:Scopes:0"] = "meeting:write:meeting:admin",
            ["Zoom:Resilience:MaxRetryAttempts"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IZoomTokenSource>(new FakeTokenSource(new Uri("https://api.zoom.us")));
        services.AddZoomClient(configuration.GetSection(ZoomDefaults.ConfigurationSection));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var options = provider.GetRequiredService<IOptions<ZoomOptions>>().Value;

        Assert.Equal("cid", options.ClientId);
        Assert.Equal(new Uri("http://localhost:5100/zoom-sandbox"), options.OAuthBaseUrl);
        Assert.Equal(new Uri("http://localhost:5100/zoom-sandbox/api"), options.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromMinutes(2), options.WebhookTimestampTolerance);
        Assert.Equal(["meeting:write:meeting:admin"], options.Scopes);
        Assert.Equal(1, options.Resilience.MaxRetryAttempts);
        using var scope = provider.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IZoomApiClient>());
        Assert.NotNull(provider.GetRequiredService<IZoomOAuthClient>());
    }

    [Fact]
    public void Defaults_point_at_Zoom()
    {
        var options = new ZoomOptions();
        Assert.Equal(new Uri("https://zoom.us"), options.OAuthBaseUrl);
        Assert.Equal(new Uri("https://api.zoom.us"), options.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromMinutes(5), options.WebhookTimestampTolerance);
    }

    [Fact]
    public void A_scoped_token_source_is_supported()
    {
        var services = new ServiceCollection();
        services.AddScoped<IZoomTokenSource>(_ => new FakeTokenSource(new Uri("https://api.zoom.us")));
        services.AddZoomClient(_ => { });
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        using var scope = provider.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IZoomApiClient>());
    }

    [Fact]
    public void Invalid_options_are_reported_when_first_used()
    {
        var services = new ServiceCollection();
        services.AddZoomClient(o => o.OAuthBaseUrl = new Uri("/relative", UriKind.Relative));
        using var provider = services.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ZoomOptions>>().Value);
    }
}
