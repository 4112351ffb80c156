using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using static Saiyo.Zoom.Tests.Client.ZoomClientHarness;

namespace Saiyo.Zoom.Tests.Client;

public sealed class OAuthClientTests
{
    private const string TokenJson = """
        {"access_token":"new-access","token_type":"bearer","refresh_token":"new-refresh","expires_in":3599,
         "scope":"meeting:write:meeting:admin user:read:list_users:admin","api_url":"https://api-jp.zoom.example"}
        """;

    [Fact]
    public void Authorize_url_carries_client_redirect_state_and_an_S256_challenge_of_the_verifier()
    {
        using var zoom = new ZoomClientHarness();

        var request = zoom.OAuth.CreateAuthorizationRequest("state-123");

        Assert.Equal("http://sandbox.example:5000/zoom-sandbox/oauth/authorize", request.Url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(request.Url.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("client-id", query["client_id"]);
        Assert.Equal("https://saiyo.example/zoom/callback", query["redirect_uri"]);
        Assert.Equal("state-123", query["state"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        // RFC 7636: verifier 43..128 chars of [A-Za-z0-9-._~]; challenge = BASE64URL(SHA256(ASCII(verifier))), no padding.
        Assert.InRange(request.CodeVerifier.Length, 43, 128);
        Assert.Matches("^[A-Za-z0-9._~-]+$", request.CodeVerifier);
        var expected = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(request.CodeVerifier)));
        Assert.Equal(expected, query["code_challenge"]);
        Assert.DoesNotContain("=", (string?)query["code_challenge"], StringComparison.Ordinal);
        Assert.Equal("state-123", request.State);
        Assert.DoesNotContain(request.CodeVerifier, request.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_authorization_request_gets_a_fresh_verifier()
    {
        using var zoom = new ZoomClientHarness();
        Assert.NotEqual(zoom.OAuth.CreateAuthorizationRequest("s").CodeVerifier, zoom.OAuth.CreateAuthorizationRequest("s").CodeVerifier);
    }

    [Fact]
    public void Known_RFC7636_vector_gives_the_published_challenge() =>
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", ZoomOAuthClient.CreateCodeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    [Fact]
    public async Task Code_exchange_posts_the_form_with_basic_credentials_and_reads_the_token_set()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        using var zoom = new ZoomClientHarness(time: time);
        zoom.Handler.Respond(HttpStatusCode.OK, TokenJson);

        var result = await zoom.OAuth.ExchangeCodeAsync("the-code", "the-verifier", Ct);

        Assert.True(result.IsSuccess, result.ToString());
        var sent = Assert.Single(zoom.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("http://sandbox.example:5000/zoom-sandbox/oauth/token", sent.Uri.AbsoluteUri);
        Assert.Equal("Basic", sent.Authorization?.Scheme);
        Assert.Equal("client-id:client-secret", Encoding.UTF8.GetString(Convert.FromBase64String(sent.Authorization!.Parameter!)));
        Assert.Equal("application/x-www-form-urlencoded", sent.ContentType);
        var form = QueryHelpers.ParseQuery(sent.Body);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("the-code", form["code"]);
        Assert.Equal("https://saiyo.example/zoom/callback", form["redirect_uri"]);
        Assert.Equal("the-verifier", form["code_verifier"]);

        var tokens = result.Value;
        Assert.Equal("new-access", tokens.AccessToken);
        Assert.Equal("new-refresh", tokens.RefreshToken);
        Assert.Equal(time.GetUtcNow().AddSeconds(3599), tokens.ExpiresAtUtc);
        Assert.Equal(["meeting:write:meeting:admin", "user:read:list_users:admin"], tokens.Scopes);
        Assert.Equal(new Uri("https://api-jp.zoom.example"), tokens.ApiUrl);
        Assert.DoesNotContain("new-access", tokens.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("new-refresh", tokens.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_without_api_url_falls_back_to_the_configured_api_base()
    {
        using var zoom = new ZoomClientHarness(o => o.ApiBaseUrl = new Uri("http://sandbox.example:5000/zoom-sandbox/api"));
        zoom.Handler.Respond(HttpStatusCode.OK, """{"access_token":"a","refresh_token":"r","expires_in":3600,"scope":""}""");

        var result = await zoom.OAuth.RefreshAsync("old-refresh", Ct);

        Assert.Equal(new Uri("http://sandbox.example:5000/zoom-sandbox/api"), result.Value.ApiUrl);
    }

    [Fact]
    public async Task Refresh_hands_the_rotated_refresh_token_to_the_caller()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.OK, TokenJson);

        var result = await zoom.OAuth.RefreshAsync("old-refresh", Ct);

        var form = QueryHelpers.ParseQuery(Assert.Single(zoom.Handler.Requests).Body);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("old-refresh", form["refresh_token"]);
        Assert.Equal("new-refresh", result.Value.RefreshToken);
        Assert.Equal(new ZoomAccessToken("new-access", new Uri("https://api-jp.zoom.example")), result.Value.ToAccessToken());
    }

    [Fact]
    public async Task Invalid_grant_means_reauthorization_and_is_not_retried()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.BadRequest, """{"reason":"Invalid Token!","error":"invalid_grant"}""");

        var result = await zoom.OAuth.RefreshAsync("reused-refresh", Ct);

        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, result.Error?.Kind);
        Assert.Equal("invalid_grant", result.Error?.OAuthError);
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task Invalid_client_is_unauthorized()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.Unauthorized, """{"reason":"Invalid client_id or client_secret","error":"invalid_client"}""");

        var result = await zoom.OAuth.ExchangeCodeAsync("code", "verifier", Ct);

        Assert.Equal(ZoomErrorKind.Unauthorized, result.Error?.Kind);
    }

    [Fact]
    public async Task A_refresh_whose_response_is_lost_is_not_resent_and_reports_an_unknown_outcome()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "connection dropped"));

        var result = await zoom.OAuth.RefreshAsync("old-refresh", Ct);

        Assert.Equal(ZoomErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task Revoke_posts_the_token_with_basic_credentials()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.OK, """{"status":"success"}""");

        var result = await zoom.OAuth.RevokeAsync("tok/en+1", Ct);

        Assert.True(result.IsSuccess);
        var sent = Assert.Single(zoom.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/zoom-sandbox/oauth/revoke", sent.Uri.AbsolutePath);
        Assert.Equal("tok/en+1", QueryHelpers.ParseQuery(sent.Uri.Query)["token"]);
        Assert.Equal("Basic", sent.Authorization?.Scheme);
    }
}
