namespace Saiyo.Zoom.Sandbox;

/// <summary>Settings of the Zoom sandbox (a stand-in for Zoom's OAuth pages, REST API, limits and webhooks).</summary>
public sealed class ZoomSandboxOptions
{
    /// <summary>All sandbox routes live under it ("" when standalone).</summary>
    public string PathPrefix { get; set; } = "/zoom-sandbox";

    /// <summary>e.g. "http://localhost:5080"; when null, derived from the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>State survives restarts in this small SQLite file.</summary>
    public string DatabasePath { get; set; } = "data/zoom-sandbox.db";

    /// <summary>The one registered Marketplace app (account-level OAuth app).</summary>
    public string ClientId { get; set; } = "saiyo-sandbox-client";

    public string ClientSecret { get; set; } = "saiyo-sandbox-secret";

    public string WebhookSecretToken { get; set; } = "saiyo-sandbox-webhook-secret";

    /// <summary>Allowed redirect_uri values (exact match); empty allows any http(s) URL.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Where event notifications are POSTed (Saiyo's webhook endpoint); null sends none.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Delays between delivery attempts of a failed webhook, as Zoom (5, 20, 60 minutes).</summary>
    public TimeSpan[] WebhookRetryDelays { get; set; } = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(60)];

    /// <summary>Free, Pro or Business: decides the per-second limits.</summary>
    public string Plan { get; set; } = "Pro";

    /// <summary>Name of the app shown on the consent and Marketplace pages.</summary>
    public string AppName { get; set; } = "Saiyo";
}
