using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Saiyo.Data.Staff;

namespace Saiyo.Web.SignIn;

/// <summary>
/// Verifies the typed password against a hash of nobody's password, so that an unknown e-mail or a locked account
/// costs the same hashing time as a wrong password: the answer time tells nothing about which e-mails exist.
/// </summary>
public sealed class UnknownAccountPassword(IPasswordHasher<StaffUser> hasher)
{
    private static readonly StaffUser Nobody = new() { DisplayName = "" };
    private static string? s_hash;

    public void Verify(string password)
    {
        var hash = s_hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
