using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Saiyo.Data.Staff;

namespace Saiyo.Web.SignIn;

/// <summary>
/// Password reset tokens: valid one hour and once. Identity's DataProtectorTokenProvider does the same but reads the
/// wall clock; this one reads <see cref="TimeProvider"/>, so every node and the tests agree on "an hour later".
/// The token carries the security stamp, which every password change renews: a used token is void.
/// </summary>
public sealed class PasswordResetTokenProvider(IDataProtectionProvider protection, TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string ProviderName = "SaiyoPasswordReset";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector protector = protection.CreateProtector("Saiyo.PasswordReset.v1");

    public async Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user)
    {
        var payload = new Payload(user.Id, purpose, await manager.GetSecurityStampAsync(user), time.GetUtcNow().UtcTicks);
        return WebEncoders.Base64UrlEncode(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return false;
        }
        if (payload is null || payload.UserId != user.Id || payload.Purpose != purpose) return false;
        if (time.GetUtcNow().UtcTicks > payload.IssuedUtcTicks + Lifetime.Ticks) return false;
        var stamp = await manager.GetSecurityStampAsync(user);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(payload.Stamp), Encoding.UTF8.GetBytes(stamp));
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(false);

    private sealed record Payload(Guid UserId, string Purpose, string Stamp, long IssuedUtcTicks);
}
