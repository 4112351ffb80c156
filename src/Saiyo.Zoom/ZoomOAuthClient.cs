using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Saiyo.Zoom;

/// <summary>Zoom OAuth for an account-level app: authorize (state + PKCE S256), code exchange, refresh with rotation, revoke.</summary>
public interface IZoomOAuthClient
{
    /// <summary>Builds the authorize URL; keep <see cref="ZoomAuthorizationRequest.CodeVerifier"/> server-side with <paramref name="state"/>.</summary>
    ZoomAuthorizationRequest CreateAuthorizationRequest(string state);

    /// <summary>Exchanges an authorization code (valid 5 minutes, once) for tokens.</summary>
    Task<ZoomResult<ZoomTokenSet>> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken);

    /// <summary>
    /// Refreshes. Zoom rotates the refresh token: persist the returned set before anything else uses the old one.
    /// <c>invalid_grant</c> gives <see cref="ZoomErrorKind.ReauthorizationRequired"/>; a lost response gives
    /// <see cref="ZoomErrorKind.OutcomeUnknown"/> (the old refresh token may already be dead).
    /// </summary>
    Task<ZoomResult<ZoomTokenSet>> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Revokes a token (and the app's authorization).</summary>
    Task<ZoomResult> RevokeAsync(string token, CancellationToken cancellationToken);
}

/// <inheritdoc />
internal sealed class ZoomOAuthClient(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<ZoomOptions> options,
    TimeProvider time,
    ILogger<ZoomOAuthClient> logger) : IZoomOAuthClient
{
    public ZoomAuthorizationRequest CreateAuthorizationRequest(string state)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        var o = options.CurrentValue;
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = CreateCodeChallenge(verifier);
        var query = string.Join('&',
            "response_type=code",
            "client_id=" + Uri.EscapeDataString(o.ClientId),
            "redirect_uri=" + Uri.EscapeDataString(o.RedirectUri),
            "state=" + Uri.EscapeDataString(state),
            "code_challenge=" + challenge,
            "code_challenge_method=S256");
        var url = new Uri(ZoomDefaults.Combine(o.OAuthBaseUrl, ZoomDefaults.AuthorizePath).AbsoluteUri + "?" + query);
        return new ZoomAuthorizationRequest(url, state, verifier);
    }

    /// <summary>PKCE S256: base64url(SHA-256(ASCII(verifier))) without padding.</summary>
    internal static string CreateCodeChallenge(string verifier) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public Task<ZoomResult<ZoomTokenSet>> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", options.CurrentValue.RedirectUri),
        };
        if (!string.IsNullOrEmpty(codeVerifier))
        {
            form.Add(new("code_verifier", codeVerifier));
        }

        return RequestTokensAsync("ExchangeCode", form, cancellationToken);
    }

    public Task<ZoomResult<ZoomTokenSet>> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return RequestTokensAsync(
            "RefreshToken",
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)],
            cancellationToken);
    }

    public async Task<ZoomResult> RevokeAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var uri = new Uri(ZoomDefaults.Combine(options.CurrentValue.OAuthBaseUrl, ZoomDefaults.RevokePath).AbsoluteUri
            + "?token=" + Uri.EscapeDataString(token));
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Options.Set(ZoomHttp.RepeatableKey, true); // revoking twice is harmless
        var response = await SendAsync("Revoke", request, mayHaveTakenEffect: false, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? ZoomResult.Success() : ZoomResult.Failure(response.Error);
    }

    private async Task<ZoomResult<ZoomTokenSet>> RequestTokensAsync(
        string operation, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ZoomDefaults.Combine(options.CurrentValue.OAuthBaseUrl, ZoomDefaults.TokenPath))
        {
            Content = new FormUrlEncodedContent(form),
        };
        // A code works once and a refresh rotates the token: never resend after it may have reached Zoom.
        request.Options.Set(ZoomHttp.RepeatableKey, false);
        var response = await SendAsync(operation, request, mayHaveTakenEffect: true, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return response.Error;
        }

        TokenResponseBody? body;
        try
        {
            body = JsonSerializer.Deserialize(response.Value.Body, ZoomJsonContext.Default.TokenResponseBody);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is not { AccessToken.Length: > 0, RefreshToken.Length: > 0 })
        {
            return Fail(operation, new ZoomError(ZoomErrorKind.InvalidResponse, "Zoom's token response lacks access_token or refresh_token.", HttpStatus: (int)response.Value.Status));
        }

        var apiUrl = Uri.TryCreate(body.ApiUrl, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            ? parsed
            : options.CurrentValue.ApiBaseUrl;
        var scopes = (body.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var expiresAt = time.GetUtcNow().AddSeconds(body.ExpiresIn is > 0 ? body.ExpiresIn.Value : 3600);
        return ZoomResult.Success(new ZoomTokenSet(body.AccessToken, body.RefreshToken, expiresAt, scopes, apiUrl));
    }

    private async Task<ZoomResult<ZoomHttpResponse>> SendAsync(
        string operation, HttpRequestMessage request, bool mayHaveTakenEffect, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(ZoomDefaults.OAuthHttpClientName);
        ZoomHttpResponse response;
        try
        {
            using var message = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response = await ZoomHttp.ReadAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ZoomHttp.Classify(ex, mayHaveTakenEffect, cancellationToken) is { } error)
        {
            return Fail(operation, error);
        }

        if (response.IsSuccessStatus)
        {
            return ZoomResult.Success(response);
        }

        var failure = ZoomHttp.Classify(response, mayHaveTakenEffect, options.CurrentValue.Resilience, time);
        if (failure.Kind == ZoomErrorKind.ReauthorizationRequired)
        {
            ZoomLog.RefreshTokenRejected(logger);
        }

        return Fail(operation, failure);
    }

    private ZoomError Fail(string operation, ZoomError error)
    {
        ZoomLog.CallFailed(logger, operation, error.Kind, error.HttpStatus, error.ZoomCode);
        return error;
    }
}

/// <summary>Adds <c>Authorization: Basic base64(client_id:client_secret)</c> to every OAuth request.</summary>
internal sealed class ZoomClientCredentialsHandler(IOptionsMonitor<ZoomOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(o.ClientId + ":" + o.ClientSecret)));
        return base.SendAsync(request, cancellationToken);
    }
}
