using Microsoft.Extensions.Options;
using Saiyo.Web.Integrations;
using Saiyo.Zoom;
using Saiyo.Zoom.Sandbox;

namespace Saiyo.Web.Hosting;

/// <summary>
/// Zoom for Saiyo. By default (Zoom:UseSandbox=true) the Zoom sandbox runs inside Saiyo under
/// /zoom-sandbox and Saiyo talks to it over HTTP exactly as it would to zoom.us; real Zoom is
/// Zoom:UseSandbox=false plus the app's credentials (README).
/// </summary>
public static class ZoomSetup
{
    public const string SandboxPrefix = "/zoom-sandbox";
    public const string CallbackPath = "/Integrations/Zoom/Callback";
    public const string WebhookPath = "/webhooks/zoom";

    public static IHostApplicationBuilder AddSaiyoZoom(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var publicBase = PublicBaseUrl(config);
        var useSandbox = config.GetValue("Zoom:UseSandbox", true);

        // Before the client, which adds an unpaced default only when none is registered.
        builder.Services.AddSingleton<IZoomRatePacer, ZoomCallPacer>();
        builder.Services.AddZoomClient(config.GetSection("Zoom"));
        builder.Services.AddScoped<ZoomTokenStore>();
        builder.Services.AddScoped<IZoomTokenSource>(sp => sp.GetRequiredService<ZoomTokenStore>());
        builder.Services.AddScoped<ZoomLinkageService>();
        builder.Services.AddScoped<WebhookReplayGuard>();
        builder.Services.AddSingleton<LinkageNotifier>();

        builder.Services.PostConfigure<ZoomOptions>(o =>
        {
            if (string.IsNullOrEmpty(o.RedirectUri)) o.RedirectUri = publicBase + CallbackPath;
        });

        if (useSandbox)
        {
            var sandbox = new ZoomSandboxOptions();
            var dataDir = Path.Combine(builder.Environment.ContentRootPath, "data");
            builder.Services.AddZoomSandbox(o =>
            {
                o.PathPrefix = SandboxPrefix;
                o.PublicBaseUrl = publicBase;
                o.DatabasePath = config["Zoom:Sandbox:DatabasePath"] ?? Path.Combine(dataDir, "zoom-sandbox.db");
                o.WebhookUrl = publicBase + WebhookPath;
                o.RedirectUris = [publicBase + CallbackPath];
            });
            builder.Services.PostConfigure<ZoomOptions>(o =>
            {
                // The sandbox's one registered app; its credentials are public stand-ins, not secrets.
                if (string.IsNullOrEmpty(o.ClientId)) o.ClientId = sandbox.ClientId;
                if (string.IsNullOrEmpty(o.ClientSecret)) o.ClientSecret = sandbox.ClientSecret;
                if (string.IsNullOrEmpty(o.WebhookSecretToken)) o.WebhookSecretToken = sandbox.WebhookSecretToken;
                o.OAuthBaseUrl = new Uri(publicBase + SandboxPrefix);
                o.ApiBaseUrl = new Uri(publicBase + SandboxPrefix);
            });
        }
        return builder;
    }

    public static WebApplication MapSaiyoZoom(this WebApplication app)
    {
        if (app.Configuration.GetValue("Zoom:UseSandbox", true))
            app.MapZoomSandbox();
        app.MapZoomWebhooks();
        return app;
    }

    /// <summary>Where browsers and Zoom reach this installation: Saiyo:PublicBaseUrl, else the first listening URL.</summary>
    public static string PublicBaseUrl(IConfiguration config)
    {
        var configured = config["Saiyo:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
        var first = (config["urls"] ?? "http://localhost:5080").Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return first.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }
}
