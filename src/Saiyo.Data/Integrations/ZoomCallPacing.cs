namespace Saiyo.Data.Integrations;

/// <summary>
/// The next free send slot of one linked Zoom account for one of Zoom's rate-limit categories (Light, Medium, Heavy), shared
/// by every node: a call takes the slot and moves it on by the category's spacing in one UPDATE, so that the nodes together
/// stay under the account's per-second limit. A per-second 429 moves it past Zoom's Retry-After.
/// </summary>
public class ZoomCallPacing
{
    public Guid LinkageId { get; set; }
    public required string Category { get; set; }

    /// <summary>Milliseconds since the Unix epoch (UTC): an integer, so that either database adds the spacing itself.</summary>
    public long NextSlotUnixMs { get; set; }
}
