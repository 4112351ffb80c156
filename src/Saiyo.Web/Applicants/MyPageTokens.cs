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
    /// The hash of the request's link, computed once per request (the booking rate limiter's partition and the lookup both
    /// need it: SHA-256 and its hex string per use were a cost of every POST).
    /// </summary>
    public static string Hash(HttpContext context, string token)
    {
        if (context.Items.TryGetValue(typeof(HashOf), out var cached) && cached is HashOf done && done.Token == token) return done.Hash;
        var hash = Hash(token);
        context.Items[typeof(HashOf)] = new HashOf(token, hash);
        return hash;
    }

    private sealed record HashOf(string Token, string Hash);

    /// <summary>
    /// The applicant a マイページ request's link names, or null. Not tracked: the page and its POSTs only read it (and the
    /// change tracker's snapshot of every column was a cost of every request). Looked up once per request: the request
    /// culture provider (their language) and the page share the row through HttpContext.Items.
    /// </summary>
    public static async Task<Applicant?> ApplicantAsync(HttpContext context, string? token) => (await LinkAsync(context, token))?.Applicant;

    /// <summary>The link's applicant with their company's name and zone (the page shows both): one statement per request.</summary>
    public static async Task<MyPageLink?> LinkAsync(HttpContext context, string? token)
    {
        if (context.Items.TryGetValue(typeof(Lookup), out var cached) && cached is Lookup done && done.Token == token)
            return done.Link;
        MyPageLink? link = null;
        if (LooksValid(token))
        {
            var db = context.RequestServices.GetRequiredService<SaiyoDbContext>();
            // A GET reads on: the page's queries share this connection (the page closes it before rendering) instead of
            // taking it from the pool and back per query. A POST's connection opens where its booking needs it.
            if (HttpMethods.IsGet(context.Request.Method)) await db.Database.OpenConnectionAsync(context.RequestAborted);
            link = await ByHash.For(db)(db, Hash(context, token!), context.RequestAborted);
        }
        context.Items[typeof(Lookup)] = new Lookup(token, link);
        return link;
    }

    private sealed record Lookup(string? Token, MyPageLink? Link);

    // Every マイページ request starts here: compiled once (no query cache lookup), an index seek on the unique hash, and the
    // company's row by its key in the same statement (it was a query of its own on every render).
    private static readonly CompiledPerModel<Func<SaiyoDbContext, string, CancellationToken, Task<MyPageLink?>>> ByHash = new(() =>
        EF.CompileAsyncQuery((SaiyoDbContext db, string hash, CancellationToken ct) => (
            from a in db.Applicants.AsNoTracking()
            join c in db.Companies.AsNoTracking() on a.CompanyId equals c.Id
            where a.MyPageTokenHash == hash
            select new MyPageLink(a, c.Name, c.TimeZoneId)).FirstOrDefault()));
}

/// <summary>What a マイページ link names: the applicant, and what the page shows of their company.</summary>
public sealed record MyPageLink(Applicant Applicant, string CompanyName, string CompanyTimeZoneId);
