namespace Saiyo.Data.Integrations;

/// <summary>
/// A webhook delivery already accepted, remembered for the provider's timestamp tolerance so that a replay of the
/// same signed request (on any node) is accepted at most once.
/// </summary>
public class WebhookDelivery
{
    /// <summary>SHA-256 (hex) of the signature and timestamp headers.</summary>
    public required string Id { get; set; }
    public VideoProvider Provider { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    /// <summary>After this the timestamp check alone refuses the delivery, so the row can go.</summary>
    public DateTime ExpiresAtUtc { get; set; }
}
