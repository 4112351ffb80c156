using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// One Saiyo node on a test database. Several factories on one <see cref="TestDatabase"/> are
/// several nodes of one installation. Intent methods live on <see cref="SaiyoClient"/>.
/// </summary>
public class SaiyoAppFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    /// <summary>Extra configuration (key → value) applied on top of appsettings.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Extra service registrations, e.g. a FakeTimeProvider.</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Saiyo", Database.ConnectionString);
        builder.UseSetting("Seed:DemoData", "true");
        // The in-process Zoom sandbox gets a file of its own per node, never the developer's data/ folder.
        builder.UseSetting("Zoom:Sandbox:DatabasePath", Path.Combine(Path.GetTempPath(), $"saiyo-test-zoom-{Guid.NewGuid():N}.db"));
        // Keep test output readable: warnings and errors only.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Saiyo", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        // Every test signs in from one address; SignInLimitTests sets a low limit of its own.
        builder.UseSetting("SignIn:AttemptsPerMinutePerAddress", "100000");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        if (ConfigureTestServices is { } configure)
            builder.ConfigureServices(configure);
    }

    /// <summary>A client that keeps cookies and follows redirects like a browser, speaking <paramref name="language"/>.</summary>
    public SaiyoClient CreateSaiyoClient(string language = "ja", System.Net.CookieContainer? cookies = null)
    {
        var handler = new BrowserLikeHandler(cookies ?? new System.Net.CookieContainer());
        var http = CreateDefaultClient(new Uri("http://localhost"), handler);
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return new SaiyoClient(http, handler.Cookies);
    }
}

/// <summary>The demo installation's seeded sign-ins (see README).</summary>
public static class Demo
{
    public const string Password = "Saiyo-Demo-2026!";
    public const string AdminEmail = "admin@demo.saiyo.test";
    public const string RecruiterEmail = "recruiter@demo.saiyo.test";
    public const string OperatorEmail = "operator@saiyo.test";
    public const string CompanyName = "デモ株式会社";
}
