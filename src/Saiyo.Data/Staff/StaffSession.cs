namespace Saiyo.Data.Staff;

/// <summary>
/// One signed-in browser of a staff user (the server side of the auth cookie). Every node reads it on every
/// request, so signing out, disabling, deleting or demoting ends the session everywhere at once.
/// </summary>
public class StaffSession
{
    /// <summary>SHA-256 (hex) of the key in the cookie; the key itself is not stored.</summary>
    public required string Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The serialized authentication ticket (claims, expiry), protected with Data Protection.</summary>
    public required byte[] Ticket { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ExpiresAtUtc { get; set; }
}
