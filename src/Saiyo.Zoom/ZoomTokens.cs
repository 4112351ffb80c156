namespace Saiyo.Zoom;

/// <summary>
/// Supplies access tokens for a linked Zoom account. Implemented by the caller, which owns the tokens: it stores them
/// (encrypted), refreshes them ahead of expiry with <see cref="IZoomOAuthClient.RefreshAsync"/> and persists the rotated
/// refresh token before anything else uses it, as the single writer across nodes.
/// </summary>
public interface IZoomTokenSource
{
    /// <summary>A currently valid access token for <paramref name="connectionKey"/>.</summary>
    /// <exception cref="ZoomReauthorizationRequiredException">The link is dead; an admin must authorize again.</exception>
    ValueTask<ZoomAccessToken> GetAccessTokenAsync(string connectionKey, CancellationToken cancellationToken);

    /// <summary>
    /// Called once after Zoom rejected <paramref name="rejectedAccessToken"/> (401 / code 124). Refresh only if the stored
    /// token is still the rejected one (another node may have refreshed already), then return the current token.
    /// </summary>
    /// <exception cref="ZoomReauthorizationRequiredException">Refresh failed with <c>invalid_grant</c>.</exception>
    ValueTask<ZoomAccessToken> RefreshAfterRejectionAsync(string connectionKey, string rejectedAccessToken, CancellationToken cancellationToken);
}

/// <summary>An access token and the API host it belongs to (<c>/v2</c> is appended by the client).</summary>
/// <param name="Value">The bearer token. Never logged.</param>
/// <param name="ApiUrl">The token's <c>api_url</c>, or <see cref="ZoomOptions.ApiBaseUrl"/>.</param>
public sealed record ZoomAccessToken(string Value, Uri ApiUrl)
{
    /// <inheritdoc/>
    public override string ToString() => $"ZoomAccessToken {{ ApiUrl = {ApiUrl} }}";
}

/// <summary>Thrown by a caller's <see cref="IZoomTokenSource"/> when the account must be authorized again; the API client turns it into <see cref="ZoomErrorKind.ReauthorizationRequired"/>.</summary>
public sealed class ZoomReauthorizationRequiredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ZoomReauthorizationRequiredException() : base("Zoom re-authorization is required.") { }

    /// <summary>Creates the exception.</summary>
    public ZoomReauthorizationRequiredException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ZoomReauthorizationRequiredException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Tokens from a code exchange or refresh. The caller persists them (the refresh token has rotated: the old one is dead).</summary>
/// <param name="AccessToken">Bearer token, valid about an hour. Never logged.</param>
/// <param name="RefreshToken">The new refresh token. Never logged.</param>
/// <param name="ExpiresAtUtc">When the access token expires (from the injected <see cref="TimeProvider"/>).</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="ApiUrl">The token's <c>api_url</c>, or <see cref="ZoomOptions.ApiBaseUrl"/> when absent.</param>
public sealed record ZoomTokenSet(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAtUtc, IReadOnlyList<string> Scopes, Uri ApiUrl)
{
    /// <summary>The access token with its API host, as <see cref="IZoomTokenSource"/> returns it.</summary>
    public ZoomAccessToken ToAccessToken() => new(AccessToken, ApiUrl);

    /// <inheritdoc/>
    public override string ToString() => $"ZoomTokenSet {{ ExpiresAtUtc = {ExpiresAtUtc:O}, Scopes = {string.Join(' ', Scopes)}, ApiUrl = {ApiUrl} }}";
}

/// <summary>Where to send the admin, and the PKCE verifier to keep server-side with the state until the callback.</summary>
/// <param name="Url">Zoom's authorize URL with state and the S256 code challenge.</param>
/// <param name="State">The state passed in.</param>
/// <param name="CodeVerifier">PKCE verifier; pass it to <see cref="IZoomOAuthClient.ExchangeCodeAsync"/>. Keep it secret.</param>
public sealed record ZoomAuthorizationRequest(Uri Url, string State, string CodeVerifier)
{
    /// <inheritdoc/>
    public override string ToString() => $"ZoomAuthorizationRequest {{ Url = {Url} }}";
}
