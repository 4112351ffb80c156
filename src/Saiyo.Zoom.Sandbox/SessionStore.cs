using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Saiyo.Zoom.Sandbox;

/// <summary>Sign-in sessions of the sandbox's own pages and their CSRF protection (double-submit cookie).</summary>
public sealed class SessionStore
{
    public const string CsrfField = "__RequestVerificationToken";
    private const string SessionCookie = "zsb_session";
    private const string CsrfCookie = "zsb_csrf";
    private readonly ConcurrentDictionary<string, string> _sessions = new();

    public string? UserId(HttpContext ctx) =>
        ctx.Request.Cookies.TryGetValue(SessionCookie, out var sid) && sid is not null && _sessions.TryGetValue(sid, out var userId) ? userId : null;

    public void SignIn(HttpContext ctx, string userId, string cookiePath)
    {
        var sid = Ids.Secret();
        _sessions[sid] = userId;
        ctx.Response.Cookies.Append(SessionCookie, sid, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = cookiePath, IsEssential = true });
    }

    public void SignOut(HttpContext ctx, string cookiePath)
    {
        if (ctx.Request.Cookies.TryGetValue(SessionCookie, out var sid) && sid is not null)
        {
            _sessions.TryRemove(sid, out _);
        }

        ctx.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = cookiePath });
    }

    /// <summary>The token to put in a form's hidden field; sets the matching cookie when missing.</summary>
    public string CsrfToken(HttpContext ctx, string cookiePath)
    {
        if (ctx.Items.TryGetValue(CsrfCookie, out var issued) && issued is string t)
        {
            return t;
        }

        if (!ctx.Request.Cookies.TryGetValue(CsrfCookie, out var token) || string.IsNullOrEmpty(token))
        {
            token = Ids.Secret();
            ctx.Response.Cookies.Append(CsrfCookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = cookiePath, IsEssential = true });
        }

        ctx.Items[CsrfCookie] = token;
        return token;
    }

    public static bool CsrfValid(HttpContext ctx, IFormCollection form)
    {
        var cookie = ctx.Request.Cookies[CsrfCookie];
        var field = form[CsrfField].ToString();
        return !string.IsNullOrEmpty(cookie) && !string.IsNullOrEmpty(field)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(field));
    }
}
