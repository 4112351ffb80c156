using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Saiyo.Zoom.Webhooks;

/// <summary>Why a webhook delivery was rejected.</summary>
public enum ZoomWebhookFailure
{
    /// <summary>The delivery is genuine.</summary>
    None,

    /// <summary><see cref="ZoomOptions.WebhookSecretToken"/> is not configured.</summary>
    SecretNotConfigured,

    /// <summary>The <c>x-zm-request-timestamp</c> header is missing or not a number.</summary>
    MissingOrInvalidTimestamp,

    /// <summary>The <c>x-zm-signature</c> header is missing or not <c>v0=&lt;hex&gt;</c>.</summary>
    MissingOrMalformedSignature,

    /// <summary>The timestamp is outside the tolerance (replay or clock skew).</summary>
    TimestampOutOfTolerance,

    /// <summary>The signature does not match the body.</summary>
    SignatureMismatch,
}

/// <summary>Outcome of <see cref="ZoomWebhookVerifier.Verify"/>.</summary>
/// <param name="Failure">The reason, or <see cref="ZoomWebhookFailure.None"/>.</param>
public readonly record struct ZoomWebhookVerification(ZoomWebhookFailure Failure)
{
    /// <summary>True when the delivery is genuine and fresh.</summary>
    public bool IsValid => Failure == ZoomWebhookFailure.None;
}

/// <summary>Answer to <c>endpoint.url_validation</c>: reply 200 with this as JSON.</summary>
/// <param name="PlainToken">The token Zoom sent.</param>
/// <param name="EncryptedToken">hex(HMAC-SHA256(secret token, plainToken)).</param>
public sealed record ZoomUrlValidationResponse(
    [property: JsonPropertyName("plainToken")] string PlainToken,
    [property: JsonPropertyName("encryptedToken")] string EncryptedToken);

/// <summary>Verifies Zoom webhook deliveries: HMAC-SHA256 over <c>v0:{timestamp}:{raw body}</c>, constant-time compare, timestamp tolerance.</summary>
public sealed class ZoomWebhookVerifier(IOptionsMonitor<ZoomOptions> options, TimeProvider time, ILogger<ZoomWebhookVerifier>? logger = null)
{
    private const string SignaturePrefix = "v0=";
    private const long MillisecondsThreshold = 100_000_000_000; // seconds until year 5138; beyond: milliseconds
    private const long MaxUnixMilliseconds = 253_402_300_799_999;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Checks a delivery. Pass the body bytes exactly as received (before any JSON parsing).</summary>
    public ZoomWebhookVerification Verify(ReadOnlySpan<byte> rawBody, string? timestampHeader, string? signatureHeader)
    {
        var failure = Check(rawBody, timestampHeader, signatureHeader);
        if (failure != ZoomWebhookFailure.None)
        {
            ZoomLog.WebhookRejected(_logger, failure);
        }

        return new ZoomWebhookVerification(failure);
    }

    /// <summary>Builds the answer to an <c>endpoint.url_validation</c> event.</summary>
    public ZoomUrlValidationResponse CreateUrlValidationResponse(string plainToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(plainToken);
        var secret = SecretBytes() ?? throw new InvalidOperationException("Zoom:WebhookSecretToken is not configured.");
        var hash = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(plainToken));
        return new ZoomUrlValidationResponse(plainToken, Convert.ToHexStringLower(hash));
    }

    private ZoomWebhookFailure Check(ReadOnlySpan<byte> rawBody, string? timestampHeader, string? signatureHeader)
    {
        if (SecretBytes() is not { } secret)
        {
            return ZoomWebhookFailure.SecretNotConfigured;
        }

        var timestampText = timestampHeader?.Trim();
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || timestamp > MaxUnixMilliseconds)
        {
            return ZoomWebhookFailure.MissingOrInvalidTimestamp;
        }

        if (signatureHeader is null
            || !signatureHeader.StartsWith(SignaturePrefix, StringComparison.Ordinal)
            || !TryFromHex(signatureHeader.AsSpan(SignaturePrefix.Length).Trim(), out var given))
        {
            return ZoomWebhookFailure.MissingOrMalformedSignature;
        }

        // Zoom sends seconds; accept milliseconds too.
        var sent = timestamp > MillisecondsThreshold ? DateTimeOffset.FromUnixTimeMilliseconds(timestamp) : DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if ((time.GetUtcNow() - sent).Duration() > options.CurrentValue.WebhookTimestampTolerance)
        {
            return ZoomWebhookFailure.TimestampOutOfTolerance;
        }

        var prefix = Encoding.UTF8.GetBytes($"v0:{timestampText}:");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        var expected = HMACSHA256.HashData(secret, message);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? ZoomWebhookFailure.None : ZoomWebhookFailure.SignatureMismatch;
    }

    private byte[]? SecretBytes() =>
        string.IsNullOrEmpty(options.CurrentValue.WebhookSecretToken) ? null : Encoding.UTF8.GetBytes(options.CurrentValue.WebhookSecretToken);

    private static bool TryFromHex(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length == 0 || hex.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
