using System.Diagnostics.CodeAnalysis;

namespace Saiyo.Zoom;

/// <summary>What went wrong, in terms a caller acts on.</summary>
public enum ZoomErrorKind
{
    /// <summary>The refresh token is dead (<c>invalid_grant</c>) or the caller's token source says so: an admin must link Zoom again. Never retried.</summary>
    ReauthorizationRequired,

    /// <summary>Zoom rejected the access token even after one refresh (HTTP 401), or rejected the client credentials.</summary>
    Unauthorized,

    /// <summary>HTTP 403 or missing scopes (code 4711): the app or user lacks a permission.</summary>
    Forbidden,

    /// <summary>HTTP 404 (user 1001, meeting 3001 other than on delete).</summary>
    NotFound,

    /// <summary>Any other 4xx (e.g. 300/3000 bad request, 3002 meeting in progress); see <see cref="ZoomError.ZoomCode"/>.</summary>
    BadRequest,

    /// <summary>QPS 429 still present after the bounded retries; wait <see cref="ZoomError.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The host's daily create/update quota is used until <see cref="ZoomError.ResumesAtUtc"/> (next 00:00 UTC). Not retried.</summary>
    DailyLimitReached,

    /// <summary>5xx, timeout or dropped connection on a call that is safe to repeat (after retries), or a refused connection.</summary>
    Transient,

    /// <summary>
    /// A non-idempotent call (create meeting, add registrant, token exchange/refresh) was sent but its response was lost
    /// (5xx, timeout, dropped connection): it may have taken effect. After a create, reconcile with
    /// <see cref="IZoomApiClient.FindMeetingByTagAsync"/> before creating again.
    /// </summary>
    OutcomeUnknown,

    /// <summary>Zoom answered 2xx with a body this client cannot read.</summary>
    InvalidResponse,
}

/// <summary>A failed Zoom call.</summary>
/// <param name="Kind">What the caller should do about it.</param>
/// <param name="Message">Zoom's message or a description; contains no secrets.</param>
/// <param name="ZoomCode">Zoom's <c>code</c> (e.g. 124, 3001, 429) when it sent one.</param>
/// <param name="HttpStatus">HTTP status when a response arrived.</param>
/// <param name="RetryAfter">How long to wait before trying again, when known.</param>
/// <param name="ResumesAtUtc">When a daily limit resets (next 00:00 UTC).</param>
/// <param name="OAuthError">OAuth <c>error</c> (<c>invalid_grant</c>, <c>invalid_client</c>, ...) on OAuth calls.</param>
public sealed record ZoomError(
    ZoomErrorKind Kind,
    string Message,
    int? ZoomCode = null,
    int? HttpStatus = null,
    TimeSpan? RetryAfter = null,
    DateTimeOffset? ResumesAtUtc = null,
    string? OAuthError = null);

/// <summary>Outcome of a Zoom call that returns no value.</summary>
public class ZoomResult
{
    private protected ZoomResult(ZoomError? error, bool alreadyGone)
    {
        Error = error;
        AlreadyGone = alreadyGone;
    }

    /// <summary>True when the call succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The failure, or null on success.</summary>
    public ZoomError? Error { get; }

    /// <summary>On a successful delete: Zoom said the meeting did not exist (404, code 3001), so there was nothing to delete.</summary>
    public bool AlreadyGone { get; }

    /// <summary>A success.</summary>
    public static ZoomResult Success() => new(null, false);

    /// <summary>A success of a delete whose target was already gone.</summary>
    public static ZoomResult Gone() => new(null, true);

    /// <summary>A failure.</summary>
    public static ZoomResult Failure(ZoomError error) => new(error ?? throw new ArgumentNullException(nameof(error)), false);

    /// <summary>A success with a value.</summary>
    public static ZoomResult<T> Success<T>(T value) => new(value, null);

    /// <summary>A failure of a call that returns a value.</summary>
    public static ZoomResult<T> Failure<T>(ZoomError error) => new(default!, error ?? throw new ArgumentNullException(nameof(error)));

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? (AlreadyGone ? "Success (already gone)" : "Success") : $"Failure: {Error.Kind} {Error.ZoomCode} {Error.Message}";
}

/// <summary>Outcome of a Zoom call that returns a value.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ZoomResult<T> : ZoomResult
{
    private readonly T _value;

    internal ZoomResult(T value, ZoomError? error) : base(error, false) => _value = value;

    /// <summary>The value; throws when the call failed.</summary>
    public T Value => IsSuccess ? _value : throw new InvalidOperationException($"The Zoom call failed ({Error.Kind}): no value.");

    /// <summary>Wraps a failure.</summary>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Failure() is the named alternate.")]
    public static implicit operator ZoomResult<T>(ZoomError error) => Failure<T>(error);
}
