using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;

namespace Saiyo.Web.Applicants;

/// <summary>マイページ tokens: 32 random bytes, base64url in the link, only their SHA-256 stored.</summary>
public static class MyPageTokens
{
    public static (string Token, string Hash) Create()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>Hash of a token as it arrives in a URL; anything malformed still hashes (and then matches nothing).</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    /// <summary>
    /// The applicant a マイページ link names (null for a malformed or unknown token), read once per request: the request's
    /// culture and the page both need it, and under a booking rush the second look-up was a round trip of its own.
    /// </summary>
    public static async Task<Applicant?> ApplicantAsync(HttpContext context, string? token)
    {
        if (!LooksValid(token)) return null;
        if (context.Items.TryGetValue(typeof(MyPageTokens), out var found) && found is Lookup seen && seen.Token == token) return seen.Applicant;
        var hash = Hash(token!);
        var db = context.RequestServices.GetRequiredService<SaiyoDbContext>();
        var applicant = await db.Applicants.FirstOrDefaultAsync(a => a.MyPageTokenHash == hash, context.RequestAborted);
        context.Items[typeof(MyPageTokens)] = new Lookup(token!, applicant);
        return applicant;
    }

    private sealed record Lookup(string Token, Applicant? Applicant);

    /// <summary>Quick shape check before touching the database.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
