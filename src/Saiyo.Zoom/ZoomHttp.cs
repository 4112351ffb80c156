using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.Timeout;

namespace Saiyo.Zoom;

/// <summary>A Zoom response reduced to what the clients need (the message itself is disposed).</summary>
internal sealed record ZoomHttpResponse(HttpStatusCode Status, HttpResponseHeaders Headers, byte[] Body)
{
    public bool IsSuccessStatus => (int)Status is >= 200 and <= 299;
}

/// <summary>Retry decisions and error classification shared by the OAuth and API clients.</summary>
internal static class ZoomHttp
{
    /// <summary>Marks a request as safe to send again after it may have reached Zoom.</summary>
    public static readonly HttpRequestOptionsKey<bool> RepeatableKey = new("Saiyo.Zoom.Repeatable");

    /// <summary>The linked account a call is made for, and its rate-limit category: what the pacing needs.</summary>
    public static readonly HttpRequestOptionsKey<string> ConnectionKey = new("Saiyo.Zoom.Connection");

    public static readonly HttpRequestOptionsKey<ZoomRateCategory> CategoryKey = new("Saiyo.Zoom.RateCategory");

    public static bool IsRepeatable(HttpRequestMessage? request) =>
        request is not null
        && (request.Options.TryGetValue(RepeatableKey, out var repeatable)
            ? repeatable
            : request.Method == HttpMethod.Get || request.Method == HttpMethod.Delete);

    /// <summary>True when the request provably never reached Zoom (no connection), so sending it again cannot duplicate it.</summary>
    public static bool NeverSent(Exception? exception) =>
        exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
        };

    public static bool IsDailyLimit(HttpResponseHeaders headers) =>
        headers.TryGetValues(ZoomDefaults.RateLimitTypeHeader, out var values)
        && values.Any(v => string.Equals(v.Trim(), ZoomDefaults.DailyLimitRateLimitType, StringComparison.OrdinalIgnoreCase));

    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    public static DateTimeOffset NextUtcMidnight(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
    }

    /// <summary>
    /// Retry only what cannot cause a duplicate: QPS 429 (rejected, honouring Retry-After up to a cap) and requests that never
    /// left; plus 5xx/408, timeouts and dropped connections for repeatable (idempotent) requests. Never a daily-limit 429.
    /// </summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, ZoomResilienceOptions options, TimeProvider time)
    {
        if (outcome.Exception is { } exception)
        {
            if (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
            {
                return false;
            }

            return NeverSent(exception)
                || (IsRepeatable(context.GetRequestMessage())
                    && exception is HttpRequestException or TimeoutRejectedException or IOException or OperationCanceledException);
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            if (IsDailyLimit(response.Headers))
            {
                return false;
            }

            var wait = RetryAfter(response.Headers, time);
            return wait is null || wait <= options.MaxRetryAfter;
        }

        return IsServerFault(response.StatusCode) && IsRepeatable(context.GetRequestMessage() ?? response.RequestMessage);
    }

    public static bool IsServerFault(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.RequestTimeout;

    /// <summary>Maps a non-2xx response to a typed error.</summary>
    public static ZoomError Classify(ZoomHttpResponse response, bool mayHaveTakenEffect, ZoomResilienceOptions options, TimeProvider time)
    {
        var body = ReadError(response.Body);
        var status = (int)response.Status;
        var message = body?.Message ?? body?.Reason ?? body?.Error ?? $"HTTP {status}";

        ZoomError Error(ZoomErrorKind kind, string? text = null, TimeSpan? retryAfter = null, DateTimeOffset? resumes = null) =>
            new(kind, text ?? message, body?.Code, status, retryAfter, resumes, body?.Error);

        if (string.Equals(body?.Error, "invalid_grant", StringComparison.Ordinal))
        {
            return Error(ZoomErrorKind.ReauthorizationRequired);
        }

        switch (response.Status)
        {
            case HttpStatusCode.Unauthorized:
                return Error(ZoomErrorKind.Unauthorized);
            case HttpStatusCode.Forbidden:
                return Error(ZoomErrorKind.Forbidden);
            case HttpStatusCode.NotFound:
                return Error(ZoomErrorKind.NotFound);
            case HttpStatusCode.TooManyRequests when IsDailyLimit(response.Headers):
                var resumes = NextUtcMidnight(time.GetUtcNow());
                return Error(
                    ZoomErrorKind.DailyLimitReached,
                    $"This host's daily meeting create/update quota is used until {resumes:yyyy-MM-dd HH:mm} UTC.",
                    RetryAfter(response.Headers, time) ?? resumes - time.GetUtcNow(),
                    resumes);
            case HttpStatusCode.TooManyRequests:
                return Error(ZoomErrorKind.RateLimited, retryAfter: RetryAfter(response.Headers, time) ?? options.RetryBaseDelay);
        }

        if (body?.Code == ZoomDefaults.MissingScopesCode)
        {
            return Error(ZoomErrorKind.Forbidden);
        }

        if (IsServerFault(response.Status))
        {
            return Error(mayHaveTakenEffect ? ZoomErrorKind.OutcomeUnknown : ZoomErrorKind.Transient);
        }

        return status is >= 400 and <= 499
            ? Error(ZoomErrorKind.BadRequest)
            : Error(ZoomErrorKind.InvalidResponse, $"Unexpected HTTP {status} from Zoom.");
    }

    /// <summary>Maps a failure to get any response; null means "the caller cancelled: rethrow".</summary>
    public static ZoomError? Classify(Exception exception, bool mayHaveTakenEffect, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (NeverSent(exception))
        {
            return new ZoomError(ZoomErrorKind.Transient, "Could not connect to Zoom.");
        }

        var what = exception switch
        {
            TimeoutRejectedException or OperationCanceledException => "Zoom did not answer in time.",
            HttpRequestException => "The connection to Zoom failed before a response arrived.",
            _ => "The call to Zoom failed.",
        };
        return exception is TimeoutRejectedException or OperationCanceledException or HttpRequestException or IOException
            ? new ZoomError(mayHaveTakenEffect ? ZoomErrorKind.OutcomeUnknown : ZoomErrorKind.Transient, what)
            : null;
    }

    public static async Task<ZoomHttpResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new ZoomHttpResponse(response.StatusCode, response.Headers, body);
    }

    private static ErrorBody? ReadError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, ZoomJsonContext.Default.ErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
