using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// One Saiyo node on a test database. Several factories on one <see cref="TestDatabase"/> are
/// several nodes of one installation. Intent methods live on <see cref="SaiyoClient"/>.
/// </summary>
public class SaiyoAppFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    private static int _nodes;

    /// <summary>Extra configuration (key → value) applied on top of appsettings.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>"category: message" of every warning or worse this host logged (e.g. to prove a page logs nothing per request).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Warnings { get; } = new();

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
        // No console: CI shows only the output's tail, and the hosts' logs buried the failing test's name there.
        // The logs go to the class's file under artifacts/logs/ (TestHostLog), Saiyo's own at Information.
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new TestHostLog($"node {Interlocked.Increment(ref _nodes)}"));
            logging.AddProvider(new WarningLog(Warnings));
        });
        builder.UseSetting("Logging:LogLevel:Default", "Information");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Warning");
        builder.UseSetting("Logging:LogLevel:System.Net.Http.HttpClient", "Warning"); // a line per call to the sandbox
        builder.UseSetting("Logging:LogLevel:Polly", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        // The migrator's probe for __EFMigrationsHistory fails on every new database and EF logs that as an error;
        // a real SQL error still reaches the test as its exception.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
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
