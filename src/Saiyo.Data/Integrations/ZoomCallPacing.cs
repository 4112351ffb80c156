namespace Saiyo.Data.Integrations;

/// <summary>
/// The next free send slot of one linked Zoom account for one of Zoom's rate-limit categories (Light, Medium, Heavy), shared
/// by every node: a call takes the slot with a conditional UPDATE and moves it on by the category's spacing, so that the nodes
/// together stay under the account's per-second limit. A per-second 429 moves it past Zoom's Retry-After.
/// </summary>
public class ZoomCallPacing
{
    public Guid LinkageId { get; set; }
    public required string Category { get; set; }
    public DateTime NextSlotUtc { get; set; }
}
