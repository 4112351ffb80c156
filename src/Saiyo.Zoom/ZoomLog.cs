using Microsoft.Extensions.Logging;
using Saiyo.Zoom.Webhooks;

namespace Saiyo.Zoom;

// Never log tokens, secrets, passcodes, start_url or response bodies.
internal static partial class ZoomLog
{
    [LoggerMessage(1, LogLevel.Warning, "Zoom {Operation} failed: {Kind} (HTTP {Status}, code {ZoomCode}).")]
    public static partial void CallFailed(ILogger logger, string operation, ZoomErrorKind kind, int? status, int? zoomCode);

    [LoggerMessage(2, LogLevel.Information, "Zoom rejected the access token of connection {ConnectionKey} during {Operation}; refreshing once.")]
    public static partial void AccessTokenRejected(ILogger logger, string connectionKey, string operation);

    [LoggerMessage(3, LogLevel.Warning, "Zoom connection {ConnectionKey} needs re-authorization.")]
    public static partial void ReauthorizationRequired(ILogger logger, string connectionKey);

    [LoggerMessage(4, LogLevel.Warning, "Zoom refresh token rejected (invalid_grant): re-authorization required.")]
    public static partial void RefreshTokenRejected(ILogger logger);

    [LoggerMessage(5, LogLevel.Information, "Retrying a Zoom request (attempt {Attempt}) after {Delay}.")]
    public static partial void Retrying(ILogger logger, int attempt, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Warning, "Zoom webhook rejected: {Reason}.")]
    public static partial void WebhookRejected(ILogger logger, ZoomWebhookFailure reason);

    [LoggerMessage(7, LogLevel.Information, "Zoom {Operation}: meeting {MeetingId} was already gone.")]
    public static partial void AlreadyGone(ILogger logger, string operation, long meetingId);
}
