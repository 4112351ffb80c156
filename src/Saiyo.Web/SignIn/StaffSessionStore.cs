using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Staff;

namespace Saiyo.Web.SignIn;

/// <summary>
/// The auth cookie holds only a session key; the ticket is a row that every node reads on every request, together
/// with the user's current security stamp. Signing out deletes the row; disabling, demoting (both change the stamp)
/// or deleting the user (cascade) ends every session of theirs on the next request, on every node. No cache.
/// </summary>
public sealed class StaffSessionStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time, IOptions<IdentityOptions> identity)
    : ITicketStore
{
    private readonly IDataProtector protector = protection.CreateProtector("Saiyo.StaffSessions.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var userId = Guid.Parse(ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType)!);
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        // Sessions nobody signed out of: gone once expired.
        await db.StaffSessions.Where(s => s.ExpiresAtUtc < now).ExecuteDeleteAsync();
        db.StaffSessions.Add(new StaffSession
        {
            Id = Hash(key), UserId = userId, Ticket = Protect(ticket), CreatedAtUtc = now, ExpiresAtUtc = ticket.Properties.ExpiresUtc?.UtcDateTime,
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var id = Hash(key);
        var bytes = Protect(ticket);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        await db.StaffSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.ExpiresAtUtc, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var id = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var row = await (from s in db.StaffSessions
                         join u in db.Users on s.UserId equals u.Id
                         where s.Id == id
                         select new { s.Ticket, s.ExpiresAtUtc, u.SecurityStamp }).AsNoTracking().FirstOrDefaultAsync();
        if (row is null || row.ExpiresAtUtc < time.GetUtcNow().UtcDateTime) return null;
        AuthenticationTicket? ticket;
        try
        {
            ticket = TicketSerializer.Default.Deserialize(protector.Unprotect(row.Ticket));
        }
        catch (CryptographicException)
        {
            return null;
        }
        // Disabled or demoted since the sign-in: the stamp changed, the session is over.
        var stamp = ticket?.Principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && stamp == row.SecurityStamp ? ticket : null;
    }

    public async Task RemoveAsync(string key)
    {
        var id = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        await db.StaffSessions.Where(s => s.Id == id).ExecuteDeleteAsync();
    }

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public static class StaffSessionSetup
{
    /// <summary>Keeps the application cookie's ticket in <see cref="StaffSessionStore"/>.</summary>
    public static IServiceCollection AddStaffSessions(this IServiceCollection services)
    {
        services.AddSingleton<StaffSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<StaffSessionStore>((o, store) => o.SessionStore = store);
        return services;
    }
}
