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

    /// <summary>Quick shape check before touching the database.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The applicant a マイページ request's link names (tracked, as the page's POSTs use it), or null. Looked up once per
    /// request: the request culture provider (their language) and the page share the row through HttpContext.Items.
    /// </summary>
    public static async Task<Applicant?> ApplicantAsync(HttpContext context, string? token)
    {
        if (context.Items.TryGetValue(typeof(Lookup), out var cached) && cached is Lookup done && done.Token == token)
            return done.Applicant;
        Applicant? applicant = null;
        if (LooksValid(token))
        {
            var db = context.RequestServices.GetRequiredService<SaiyoDbContext>();
            applicant = await ByHash.For(db)(db, Hash(token!), context.RequestAborted);
        }
        context.Items[typeof(Lookup)] = new Lookup(token, applicant);
        return applicant;
    }

    private sealed record Lookup(string? Token, Applicant? Applicant);

    // Every マイページ request starts here: compiled once (no query cache lookup), an index seek on the unique hash.
    private static readonly CompiledPerModel<Func<SaiyoDbContext, string, CancellationToken, Task<Applicant?>>> ByHash = new(() =>
        EF.CompileAsyncQuery((SaiyoDbContext db, string hash, CancellationToken ct) => db.Applicants.FirstOrDefault(a => a.MyPageTokenHash == hash)));
}
