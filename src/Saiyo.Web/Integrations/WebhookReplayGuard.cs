using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Zoom;

namespace Saiyo.Web.Integrations;

/// <summary>
/// Each signed webhook delivery is accepted once: its signature and timestamp are a row (primary key) for as long as
/// the timestamp check would let a copy through, so a replay on any node finds the row and changes nothing.
/// </summary>
public sealed class WebhookReplayGuard(SaiyoDbContext db, TimeProvider time, IOptionsMonitor<ZoomOptions> zoom)
{
    /// <summary>Records the delivery; false when it was accepted before.</summary>
    public async Task<bool> TryRecordAsync(string timestamp, string signature, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var id = Id(timestamp, signature);
        await db.WebhookDeliveries.Where(d => d.ExpiresAtUtc < now).ExecuteDeleteAsync(ct);
        if (await db.WebhookDeliveries.AnyAsync(d => d.Id == id, ct)) return false;
        var delivery = new WebhookDelivery
        {
            Id = id, Provider = VideoProvider.Zoom, ReceivedAtUtc = now,
            // The timestamp may lie up to the tolerance ahead of this clock and is accepted for the tolerance after.
            ExpiresAtUtc = now + 2 * zoom.CurrentValue.WebhookTimestampTolerance,
        };
        db.WebhookDeliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same delivery arrived at another node at the same moment: the primary key let one through.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Forgets a delivery whose handling failed, so that Zoom's retry of it is accepted.</summary>
    public async Task ForgetAsync(string timestamp, string signature)
    {
        var id = Id(timestamp, signature);
        db.ChangeTracker.Clear();
        await db.WebhookDeliveries.Where(d => d.Id == id).ExecuteDeleteAsync();
    }

    private static string Id(string timestamp, string signature) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{timestamp}:{signature}")));
}
