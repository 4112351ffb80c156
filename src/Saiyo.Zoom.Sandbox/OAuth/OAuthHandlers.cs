using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Saiyo.Zoom.Sandbox.Model;
using Saiyo.Zoom.Sandbox.Pages;

namespace Saiyo.Zoom.Sandbox;

internal sealed partial class SandboxHandlers
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Checks client_id and redirect_uri; on failure an error page (never a redirect).</summary>
    private string? AuthorizeRequestError(string clientId, string redirectUri, string responseType, string? challengeMethod)
    {
        if (!Secrets.Equal(clientId, Options.ClientId))
        {
            return "Invalid client_id: no app with this client ID is registered (4700).";
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || Options.RedirectUris.Count > 0 && !Options.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return "Invalid redirect: the redirect_uri does not match the app's redirect URL or allow list (4709).";
        }

        if (responseType != "code")
        {
            return "Unsupported response_type: only \"code\" is supported.";
        }

        return challengeMethod is null or "" or "S256" or "plain" ? null : "Unsupported code_challenge_method: use S256.";
    }

    public IResult Authorize(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var error = AuthorizeRequestError(q["client_id"].ToString(), q["redirect_uri"].ToString(), q["response_type"].ToString(), q["code_challenge_method"].ToString());
        if (error is not null)
        {
            return ErrorPage(ctx, "Authorization failed", error, 400);
        }

        var user = SignedInUser(ctx);
        if (user is null)
        {
            return SignInPage(ctx, LocalUrl(ctx), intro: $"Sign in to authorize <strong>{Html.E(Options.AppName)}</strong>.");
        }

        return ConsentPage(ctx, user, q["redirect_uri"].ToString(), q["state"].ToString(), q["code_challenge"].ToString(), q["code_challenge_method"].ToString());
    }

    private IResult ConsentPage(HttpContext ctx, SandboxUser user, string redirectUri, string stateValue, string challenge, string method)
    {
        var b = Base(ctx);
        var account = store.Read(d => d.Accounts.First(a => a.Id == user.AccountId));
        var again = QueryHelpers.AddQueryString($"{ctx.Request.PathBase}{Options.PathPrefix.TrimEnd('/')}/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = Options.ClientId, ["redirect_uri"] = redirectUri, ["state"] = stateValue,
            ["code_challenge"] = challenge, ["code_challenge_method"] = method,
        });
        var switchUser = $"{b}/signout?returnUrl={Uri.EscapeDataString(again)}";
        if (!user.IsAdmin)
        {
            return Html.Page("You cannot install this app", $"""
                <div class="card"><p class="error" role="alert">{Html.E(Options.AppName)} is an account-level app: only an account owner or admin of
                {Html.E(account.Name)} can add it. You are signed in as {Html.E(user.Email)} (member). Ask your Zoom admin to add the app.</p>
                <p><a href="{Html.E(switchUser)}">Sign in as a different user</a></p></div>
                """, b, 403);
        }

        var scopes = string.Join("", GrantedScopes.Split(' ').Select(s => $"<li><code>{Html.E(s)}</code></li>"));
        return Html.Page($"Allow {Options.AppName} to access your account?", $"""
            <div class="card"><p><strong>{Html.E(Options.AppName)}</strong> (account-level app) would be added to the account <strong>{Html.E(account.Name)}</strong>
            by {Html.E(user.DisplayName)} ({Html.E(user.Email)}). It will be able to:</p><ul>{scopes}</ul>
            <form method="post" action="{Html.E(b)}/oauth/authorize">{Csrf(ctx)}
            {Html.Hidden("client_id", Options.ClientId)}{Html.Hidden("redirect_uri", redirectUri)}{Html.Hidden("state", stateValue)}
            {Html.Hidden("code_challenge", challenge)}{Html.Hidden("code_challenge_method", method)}
            <button type="submit" name="decision" value="allow">Allow</button>
            <button type="submit" name="decision" value="deny" class="secondary">Deny</button></form>
            <p class="muted"><a href="{Html.E(switchUser)}">Not you? Sign in as a different user</a></p></div>
            """, b);
    }

    public async Task<IResult> AuthorizeDecisionAsync(HttpContext ctx)
    {
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        string F(string k) => form[k].ToString();
        var error = AuthorizeRequestError(F("client_id"), F("redirect_uri"), "code", F("code_challenge_method"));
        if (error is not null)
        {
            return ErrorPage(ctx, "Authorization failed", error, 400);
        }

        if (!SessionStore.CsrfValid(ctx, form))
        {
            return ErrorPage(ctx, "Authorization failed", "The form expired (CSRF check failed). Start again from the app.", 400);
        }

        var user = SignedInUser(ctx);
        if (user is null)
        {
            return ErrorPage(ctx, "Authorization failed", "You are not signed in. Start again from the app.", 401);
        }

        if (!user.IsAdmin)
        {
            return ConsentPage(ctx, user, F("redirect_uri"), F("state"), F("code_challenge"), F("code_challenge_method"));
        }

        var redirect = new Dictionary<string, string?>();
        if (F("decision") != "allow")
        {
            redirect["error"] = "access_denied";
            if (F("state").Length > 0) redirect["state"] = F("state");
            return Results.Redirect(QueryHelpers.AddQueryString(F("redirect_uri"), redirect));
        }

        var now = time.GetUtcNow();
        var code = store.Write(d =>
        {
            // A new authorization of the app on the account invalidates every earlier grant.
            var install = d.Installations.FirstOrDefault(i => i.AccountId == user.AccountId && i.ClientId == Options.ClientId);
            var generation = (install?.Generation ?? 0) + 1;
            d.Installations.RemoveAll(i => i.AccountId == user.AccountId && i.ClientId == Options.ClientId);
            d.Installations.Add(new AppInstallation
            {
                AccountId = user.AccountId, ClientId = Options.ClientId, InstalledByUserId = user.Id, InstalledAt = now, Generation = generation, Scopes = GrantedScopes,
            });
            foreach (var t in d.Tokens.Where(t => t.AccountId == user.AccountId && t.RevokedReason is null))
            {
                t.RevokedReason = "superseded by a new authorization";
            }

            d.Codes.RemoveAll(c => c.ExpiresAt < now - TimeSpan.FromDays(1));
            var c = new AuthCode
            {
                Code = Ids.Secret(24), AccountId = user.AccountId, UserId = user.Id, RedirectUri = F("redirect_uri"),
                CodeChallenge = string.IsNullOrEmpty(F("code_challenge")) ? null : F("code_challenge"),
                CodeChallengeMethod = string.IsNullOrEmpty(F("code_challenge_method")) ? "plain" : F("code_challenge_method"),
                ExpiresAt = now + CodeLifetime, Generation = generation,
            };
            d.Codes.Add(c);
            return c.Code;
        });
        Log.AppInstalled(logger, user.AccountId, user.Id);
        redirect["code"] = code;
        if (F("state").Length > 0) redirect["state"] = F("state");
        return Results.Redirect(QueryHelpers.AddQueryString(F("redirect_uri"), redirect));
    }

    private static IResult OAuthError(string error, string reason, int status = 400) =>
        Results.Json(new JsonObject { ["reason"] = reason, ["error"] = error }, statusCode: status);

    private bool ClientAuthenticated(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && Secrets.Equal(pair[..colon], Options.ClientId) & Secrets.Equal(pair[(colon + 1)..], Options.ClientSecret);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public async Task<IResult> TokenAsync(HttpContext ctx)
    {
        var fault = faults.Take("oauth.token", "oauth");
        if (fault is not null && await PreFaultAsync(ctx, fault, "oauth.token", "oauth") is { } early)
        {
            return early;
        }

        if (!ClientAuthenticated(ctx))
        {
            return OAuthError("invalid_client", "Invalid client_id or client_secret", 401);
        }

        if (!ctx.Request.HasFormContentType)
        {
            return OAuthError("invalid_request", "Missing grant type");
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var now = time.GetUtcNow();
        IResult result = form["grant_type"].ToString() switch
        {
            "authorization_code" => store.Write(d => ExchangeCode(d, form, now, Base(ctx))),
            "refresh_token" => store.Write(d => Refresh(d, form["refresh_token"].ToString(), now, Base(ctx))),
            "" => OAuthError("invalid_request", "Missing grant type"),
            _ => OAuthError("invalid_request", "Unsupported grant type"),
        };
        return fault is not null && fault.DropAfterCommitRate > 0 && Random.Shared.NextDouble() < fault.DropAfterCommitRate ? Drop(ctx, "oauth.token") : result;
    }

    private IResult ExchangeCode(SandboxData d, IFormCollection form, DateTimeOffset now, string apiUrl)
    {
        var code = d.Codes.FirstOrDefault(c => Secrets.Equal(c.Code, form["code"].ToString()));
        if (code is null || code.Used || code.ExpiresAt <= now)
        {
            return OAuthError("invalid_grant", "Invalid authorization code");
        }

        code.Used = true; // single use, also when the rest of the request is wrong
        if (code.RedirectUri != form["redirect_uri"].ToString())
        {
            return OAuthError("invalid_request", "Redirect URI mismatch.");
        }

        if (code.CodeChallenge is not null)
        {
            var verifier = form["code_verifier"].ToString();
            var expected = code.CodeChallengeMethod == "S256" ? Ids.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) : verifier;
            if (verifier.Length == 0 || !Secrets.Equal(expected, code.CodeChallenge))
            {
                return OAuthError("invalid_grant", "Invalid code_verifier");
            }
        }

        var install = d.Installations.FirstOrDefault(i => i.AccountId == code.AccountId && i.ClientId == Options.ClientId);
        if (install is null || install.Generation != code.Generation)
        {
            return OAuthError("invalid_grant", "Invalid authorization code");
        }

        return IssueTokens(d, code.AccountId, code.UserId, code.Generation, now, apiUrl);
    }

    private IResult Refresh(SandboxData d, string refreshToken, DateTimeOffset now, string apiUrl)
    {
        var grant = refreshToken.Length == 0 ? null : d.Tokens.FirstOrDefault(t => Secrets.Equal(t.RefreshToken, refreshToken));
        if (grant is null || grant.RefreshUsed || grant.RevokedReason is not null)
        {
            return OAuthError("invalid_grant", "Invalid Token!");
        }

        grant.RefreshUsed = true;
        return IssueTokens(d, grant.AccountId, grant.UserId, grant.Generation, now, apiUrl);
    }

    private static IResult IssueTokens(SandboxData d, string accountId, string userId, int generation, DateTimeOffset now, string apiUrl)
    {
        var grant = new TokenGrant
        {
            AccessToken = "sbx." + Ids.Secret(), RefreshToken = "sbxr." + Ids.Secret(), AccountId = accountId, UserId = userId,
            Generation = generation, IssuedAt = now, AccessExpiresAt = now + AccessTokenLifetime,
        };
        // Keep the state small: grants that can do nothing any more are dropped a day after their access token ended.
        d.Tokens.RemoveAll(t => (t.RefreshUsed || t.RevokedReason is not null) && t.AccessExpiresAt < now - TimeSpan.FromDays(1));
        d.Tokens.Add(grant);
        return Results.Json(new JsonObject
        {
            ["access_token"] = grant.AccessToken,
            ["token_type"] = "bearer",
            ["refresh_token"] = grant.RefreshToken,
            ["expires_in"] = 3599,
            ["scope"] = GrantedScopes,
            ["api_url"] = apiUrl,
        });
    }

    public async Task<IResult> RevokeAsync(HttpContext ctx)
    {
        if (!ClientAuthenticated(ctx))
        {
            return OAuthError("invalid_client", "Invalid client_id or client_secret", 401);
        }

        var token = ctx.Request.Query["token"].ToString();
        if (token.Length == 0 && ctx.Request.HasFormContentType)
        {
            token = (await ctx.Request.ReadFormAsync(ctx.RequestAborted))["token"].ToString();
        }

        var accountId = store.Write(d =>
        {
            var grant = token.Length == 0 ? null : d.Tokens.FirstOrDefault(t => Secrets.Equal(t.AccessToken, token) || Secrets.Equal(t.RefreshToken, token));
            if (grant is null)
            {
                return null;
            }

            Uninstall(d, grant.AccountId, "revoked by the app");
            return grant.AccountId;
        });
        if (accountId is null)
        {
            return OAuthError("invalid_request", "Invalid Token!");
        }

        Log.AppRemoved(logger, accountId, "revoke");
        return Results.Json(new JsonObject { ["status"] = "success" });
    }

    /// <summary>Removes the app from the account and kills its tokens.</summary>
    private void Uninstall(SandboxData d, string accountId, string reason)
    {
        d.Installations.RemoveAll(i => i.AccountId == accountId && i.ClientId == Options.ClientId);
        foreach (var t in d.Tokens.Where(t => t.AccountId == accountId && t.RevokedReason is null))
        {
            t.RevokedReason = reason;
        }
    }
}
