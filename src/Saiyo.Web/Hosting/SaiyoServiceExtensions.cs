using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Saiyo.Data;
using Saiyo.Data.Staff;
using Saiyo.Web.Localization;
using Saiyo.Web.Mail;
using Saiyo.Web.Seeding;
using Saiyo.Web.SignIn;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Hosting;

/// <summary>Everything Saiyo registers, so that Program.cs stays a table of contents.</summary>
public static class SaiyoServiceExtensions
{
    public static readonly CultureInfo[] SupportedCultures = [new("ja"), new("en")];

    public static IHostApplicationBuilder AddSaiyo(this IHostApplicationBuilder builder)
    {
        builder.AddSaiyoDatabase();
        builder.AddSaiyoIdentity();
        builder.AddSaiyoSignIn();
        builder.AddSaiyoSecurityHeaders();
        builder.AddSaiyoLocalization();
        builder.AddSaiyoZoom();
        builder.AddSaiyoMeetings();
        builder.AddSaiyoApplicants();
        builder.AddSaiyoInterviews();

        var services = builder.Services;
        services.TryAddSingletonTimeProvider();
        services.AddHttpContextAccessor();
        // Japanese stays readable in the HTML (and in tests) instead of becoming &#x...; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddScoped<CurrentCompany>();
        services.AddScoped<CompanyClock>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<MailTexts>();
        services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<MailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MailDispatcher>());
        services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToFolder("/My");
                o.Conventions.AuthorizeFolder("/Operator", AuthorizationPolicies.Operator);
                o.Conventions.AuthorizeFolder("/Settings/Staff", AuthorizationPolicies.CompanyAdmin);
                o.Conventions.AuthorizeFolder("/Settings/Mails", AuthorizationPolicies.CompanyAdmin);
                o.Conventions.AuthorizePage("/Applicants/Delete", AuthorizationPolicies.CompanyAdmin);
                // 連携の操作履歴 names people, IP addresses and Zoom accounts: admins only, like the linkage itself.
                o.Conventions.AuthorizePage("/Integrations/Audit", AuthorizationPolicies.CompanyAdmin);
                // 採用担当 read the templates; the page refuses their POSTs.
                o.Conventions.AuthorizeFolder("/Settings/MailTemplates", AuthorizationPolicies.CompanyRecruiting);
                // 面接官 see only their own interviews (Pages/Interviews); the company-wide pages do not exist for them.
                foreach (var folder in AuthorizationPolicies.RecruitingFolders)
                    o.Conventions.AuthorizeFolder(folder, AuthorizationPolicies.CompanyRecruiting);
                o.Conventions.AuthorizeFolder("/Interviews", AuthorizationPolicies.CompanyStaff);
            })
            // No AddViewLocalization: there are no per-language views (*.ja.cshtml), and its location expander made every
            // view and partial lookup per culture on each render.
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.Operator, p => p.RequireRole(StaffRoles.Operator))
            .AddPolicy(AuthorizationPolicies.CompanyStaff, p => p.RequireClaim(SaiyoClaims.CompanyId))
            .AddPolicy(AuthorizationPolicies.CompanyAdmin, p => p.RequireClaim(SaiyoClaims.CompanyId).RequireRole(StaffRoles.Admin))
            .AddPolicy(AuthorizationPolicies.CompanyRecruiting, p => p.RequireClaim(SaiyoClaims.CompanyId).RequireRole(StaffRoles.Admin, StaffRoles.Recruiter));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, InterviewerNotFoundResultHandler>();

        services.AddHealthChecks().AddDbContextCheck<SaiyoDbContext>("database");
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    private static void AddSaiyoDatabase(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var provider = DatabaseSetup.ParseProvider(options.Provider);
        var connectionString = builder.Configuration.GetConnectionString("Saiyo");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
                throw new InvalidOperationException("ConnectionStrings:Saiyo is required for PostgreSql.");
            // The embedded default: a SQLite file in a data folder beside the app's content root.
            var dataDir = Path.Combine(builder.Environment.ContentRootPath, "data");
            Directory.CreateDirectory(dataDir);
            connectionString = $"Data Source={Path.Combine(dataDir, "saiyo.db")}";
        }

        if (provider == DatabaseProvider.PostgreSql) connectionString = BoundPool(connectionString, options.MaxConnections);
        builder.Services.AddSingleton(new DatabaseInfo(provider));
        // Pooled: a my page request would otherwise build the context and its internal services anew. The context holds no
        // state of its own (no query filter capturing a service, singleton interceptors), and the pool resets its tracker.
        // No thread-safety checks: EF's detector sets an AsyncLocal on entering and leaving every query and every row read
        // (a copy of the request's AsyncLocal map and ExecutionContext each time), 8 % of the bytes a マイページ GET allocated
        // (issue 16). It only turns a context shared across threads into an exception; none is shared (one per request or scope).
        builder.Services.AddDbContextPool<SaiyoDbContext>(o => o.UseSaiyoDatabase(provider, connectionString).EnableThreadSafetyChecks(false));
        // SQLite's write-ahead log is copied into the file beside the writers, for as long as this host runs.
        if (provider == DatabaseProvider.Sqlite) builder.Services.AddHostedService(_ => new SqliteCheckpoints(connectionString));

        builder.AddSaiyoDataProtection();
    }

    /// <summary>
    /// The connection string with this node's bound on its PostgreSQL connections (<see cref="DatabaseOptions.MaxConnections"/>)
    /// and, unless it says otherwise, Npgsql's automatic preparation: a statement run a few times on a pooled connection is
    /// prepared there and kept across requests, so PostgreSQL parses and plans the booking's and the my page's statements
    /// once per connection instead of at every execution.
    /// </summary>
    internal static string BoundPool(string connectionString, int? maxConnections)
    {
        // Npgsql's builder answers ContainsKey for any keyword it knows, set or not: look at the text's own keys.
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToList();
        var stated = keys.Any(k => k is "maximumpoolsize" or "maxpoolsize");
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (maxConnections is { } max) csb.MaxPoolSize = max;
        else if (!stated) csb.MaxPoolSize = DatabaseOptions.DefaultMaxConnections;
        if (!keys.Contains("maxautoprepare")) csb.MaxAutoPrepare = DatabaseOptions.DefaultMaxAutoPrepare;
        if (csb.MinPoolSize > csb.MaxPoolSize) csb.MinPoolSize = csb.MaxPoolSize;
        return csb.ConnectionString;
    }

    private static void AddSaiyoDataProtection(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        // Keys in the database: every node decrypts cookies and secrets written by another.
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("Saiyo")
            .PersistKeysToDbContext<SaiyoDbContext>();
        // Production: encrypt the key ring itself with a certificate that every node has (README), or a copy of the
        // database alone decrypts every Zoom token. The embedded default (Zoom sandbox) holds no real tokens.
        var certPath = config["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certPath))
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certPath, config["DataProtection:CertificatePassword"]));
        else if (builder.Environment.IsProduction() && !config.GetValue("Zoom:UseSandbox", true) && !config.GetValue("DataProtection:AllowUnencryptedKeys", false))
            throw new InvalidOperationException(
                "Saiyo will not store its Data Protection key ring unencrypted next to the Zoom tokens it protects. "
                + "Set DataProtection__CertificatePath (a PFX file every node has) and DataProtection__CertificatePassword, "
                + "or, to accept unencrypted keys knowingly, DataProtection__AllowUnencryptedKeys=true.");
    }

    private static void AddSaiyoIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<StaffUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<SaiyoDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "saiyo.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "saiyo.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    private static void AddSaiyoLocalization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<IStringLocalizer<SharedResource>, CachedSharedLocalizer>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("ja");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The switcher's cookie wins over the browser's Accept-Language; the query string is for links and tests.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    public static WebApplication UseSaiyo(this WebApplication app)
    {
        // First, so that every response (errors, static files, the sandbox, webhooks) carries the headers.
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                // Kestrel's request limits (an upload over the page's size limit) answer with their own status, not 500.
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
        // Zoom's side (sandbox, webhooks) speaks JSON and bare status codes, not Saiyo's error pages.
        app.UseWhen(
            c => !c.Request.Path.StartsWithSegments(ZoomSetup.SandboxPrefix) && !c.Request.Path.StartsWithSegments(ZoomSetup.WebhookPath),
            b => b.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/healthz");
        app.MapSaiyoZoom();
        app.MapRazorPages();
        return app;
    }
}

/// <summary>The provider chosen at start-up, for code that must know (e.g. locking SQL).</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider);

public static class AuthorizationPolicies
{
    public const string Operator = "Operator";
    public const string CompanyStaff = "CompanyStaff";
    public const string CompanyAdmin = "CompanyAdmin";
    /// <summary>管理者 and 採用担当: everything company-wide. 面接官 are not in it.</summary>
    public const string CompanyRecruiting = "CompanyRecruiting";

    public static readonly string[] RecruitingFolders = ["/SelectionMeetings", "/Applicants", "/Integrations", "/Settings"];
}
