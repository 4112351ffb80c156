using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Saiyo.Zoom.Tests.Sandbox;

public sealed class OAuthTests
{
    [Fact]
    public async Task Admin_installs_the_app_with_PKCE_and_gets_bearer_tokens_for_the_API()
    {
        await using var sb = await SandboxHost.StartAsync();
        var (verifier, challenge) = SandboxHost.Pkce();

        var redirect = await sb.AuthorizeAsync("admin@sandbox.zoom.test", challenge);
        Assert.StartsWith(SandboxHost.RedirectUri + "?", redirect.ToString(), StringComparison.Ordinal);
        Assert.Equal("st-123", SandboxHost.Query(redirect, "state"));

        using var response = await sb.ExchangeAsync(SandboxHost.Query(redirect, "code"), verifier);
        var json = await SandboxHost.Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bearer", json["token_type"]!.GetValue<string>());
        Assert.Equal(3599, json["expires_in"]!.GetValue<int>());
        Assert.Equal(sb.BaseUrl, json["api_url"]!.GetValue<string>());
        Assert.Contains("meeting:write:meeting:admin", json["scope"]!.GetValue<string>().Split(' '));
        Assert.Contains("user:read:list_users:admin", json["scope"]!.GetValue<string>().Split(' '));

        using var me = await sb.ApiAsync(HttpMethod.Get, "/users/me", json["access_token"]!.GetValue<string>());
        var user = await SandboxHost.Json(me);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("admin@sandbox.zoom.test", user["email"]!.GetValue<string>());
        Assert.Equal("sbxAcctSandboxCorp01", user["account_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_code_works_once_and_only_for_five_minutes()
    {
        await using var sb = await SandboxHost.StartAsync();
        var (verifier, challenge) = SandboxHost.Pkce();
        var code = SandboxHost.Query(await sb.AuthorizeAsync("admin@sandbox.zoom.test", challenge), "code");
        using (var first = await sb.ExchangeAsync(code, verifier))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var again = await sb.ExchangeAsync(code, verifier))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Equal("invalid_grant", (await SandboxHost.Json(again))["error"]!.GetValue<string>());
        }

        var late = SandboxHost.Query(await sb.AuthorizeAsync("admin@sandbox.zoom.test", challenge), "code");
        sb.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var expired = await sb.ExchangeAsync(late, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal("invalid_grant", (await SandboxHost.Json(expired))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused()
    {
        await using var sb = await SandboxHost.StartAsync();
        var (_, challenge) = SandboxHost.Pkce();
        var code = SandboxHost.Query(await sb.AuthorizeAsync("admin@sandbox.zoom.test", challenge), "code");
        using var response = await sb.ExchangeAsync(code, SandboxHost.Pkce().Verifier);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await SandboxHost.Json(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_client_secret_is_invalid_client()
    {
        await using var sb = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, sb.BaseUrl + "/oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", "x")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sb.Options.ClientId}:wrong")));
        using var response = await sb.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await SandboxHost.Json(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_cannot_install_the_account_level_app()
    {
        await using var sb = await SandboxHost.StartAsync();
        using var browser = SandboxHost.Browser();
        var page = await sb.SignInAsync(browser, sb.AuthorizeUrl(SandboxHost.Pkce().Challenge), "host1@sandbox.zoom.test");
        Assert.Contains("only an account owner or admin", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Allow<", page, StringComparison.Ordinal);
        Assert.Empty((await sb.StateAsync())["installations"]!.AsArray());

        // "Sign in as a different user" leads back to the same authorization as an admin.
        var link = System.Text.RegularExpressions.Regex.Match(page, "<a href=\"([^\"]+)\">Sign in as a different user</a>").Groups[1].Value;
        using var signedOut = await browser.GetAsync(System.Net.WebUtility.HtmlDecode(link));
        var signIn = await sb.FollowAsync(browser, signedOut);
        var consent = await sb.FollowAsync(browser, await SandboxHost.SubmitAsync(browser, signIn, "Sign In", ("email", "admin@sandbox.zoom.test"), ("password", SandboxHost.Password)));
        Assert.Contains(">Allow<", consent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deny_redirects_with_access_denied_and_the_state()
    {
        await using var sb = await SandboxHost.StartAsync();
        var redirect = await sb.AuthorizeAsync("owner@sandbox.zoom.test", SandboxHost.Pkce().Challenge, "Deny");
        Assert.Equal("access_denied", SandboxHost.Query(redirect, "error"));
        Assert.Equal("st-123", SandboxHost.Query(redirect, "state"));
        Assert.Equal("", SandboxHost.Query(redirect, "code"));
    }

    [Fact]
    public async Task Unknown_client_or_redirect_uri_shows_an_error_page_without_redirect()
    {
        await using var sb = await SandboxHost.StartAsync();
        using var browser = SandboxHost.Browser();
        using var badClient = await browser.GetAsync(sb.AuthorizeUrl("c", clientId: "nope"));
        Assert.Equal(HttpStatusCode.BadRequest, badClient.StatusCode);
        Assert.Contains("Invalid client_id", await badClient.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var badRedirect = await browser.GetAsync(sb.AuthorizeUrl("c", redirectUri: "https://evil.example/cb"));
        Assert.Equal(HttpStatusCode.BadRequest, badRedirect.StatusCode);
        Assert.Null(badRedirect.Headers.Location);
    }

    [Fact]
    public async Task Refresh_rotates_and_the_old_refresh_token_answers_invalid_grant()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        using var refreshed = await sb.TokenRequestAsync(("grant_type", "refresh_token"), ("refresh_token", tokens.Refresh));
        var json = await SandboxHost.Json(refreshed);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(tokens.Refresh, json["refresh_token"]!.GetValue<string>());

        using var old = await sb.TokenRequestAsync(("grant_type", "refresh_token"), ("refresh_token", tokens.Refresh));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Equal("""{"reason":"Invalid Token!","error":"invalid_grant"}""", await old.Content.ReadAsStringAsync());

        using var api = await sb.ApiAsync(HttpMethod.Get, "/users/me", json["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task A_new_authorization_invalidates_earlier_tokens()
    {
        await using var sb = await SandboxHost.StartAsync();
        var first = await sb.LinkAsync();
        var second = await sb.LinkAsync("owner@sandbox.zoom.test");

        using var old = await sb.ApiAsync(HttpMethod.Get, "/users/me", first.Access);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(124, (await SandboxHost.Json(old))["code"]!.GetValue<int>());
        using var oldRefresh = await sb.TokenRequestAsync(("grant_type", "refresh_token"), ("refresh_token", first.Refresh));
        Assert.Equal("invalid_grant", (await SandboxHost.Json(oldRefresh))["error"]!.GetValue<string>());

        using var current = await sb.ApiAsync(HttpMethod.Get, "/users/me", second.Access);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task The_access_token_expires_after_an_hour_on_the_sandbox_clock()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        sb.Clock.Advance(TimeSpan.FromMinutes(59));
        using (var fresh = await sb.ApiAsync(HttpMethod.Get, "/users", tokens.Access))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        sb.Clock.Advance(TimeSpan.FromMinutes(1));
        using var expired = await sb.ApiAsync(HttpMethod.Get, "/users", tokens.Access);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(124, (await SandboxHost.Json(expired))["code"]!.GetValue<int>());

        using var refreshed = await sb.TokenRequestAsync(("grant_type", "refresh_token"), ("refresh_token", tokens.Refresh));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task Revoke_stops_the_tokens_and_uninstalls_the_app()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{sb.BaseUrl}/oauth/revoke?token={Uri.EscapeDataString(tokens.Access)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sb.Options.ClientId}:{sb.Options.ClientSecret}")));
        using var revoked = await sb.Http.SendAsync(request);
        Assert.Equal("""{"status":"success"}""", await revoked.Content.ReadAsStringAsync());

        using var api = await sb.ApiAsync(HttpMethod.Get, "/users/me", tokens.Access);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var refresh = await sb.TokenRequestAsync(("grant_type", "refresh_token"), ("refresh_token", tokens.Refresh));
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Empty((await sb.StateAsync())["installations"]!.AsArray());
    }
}
