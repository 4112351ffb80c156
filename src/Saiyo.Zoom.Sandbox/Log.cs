using Microsoft.Extensions.Logging;

namespace Saiyo.Zoom.Sandbox;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Zoom sandbox: app installed on account {AccountId} by user {UserId}")]
    public static partial void AppInstalled(ILogger logger, string accountId, string userId);

    [LoggerMessage(2, LogLevel.Information, "Zoom sandbox: app removed from account {AccountId} ({How})")]
    public static partial void AppRemoved(ILogger logger, string accountId, string how);

    [LoggerMessage(3, LogLevel.Information, "Zoom sandbox: webhook {Event} delivery {DeliveryId} attempt {Attempt} answered {Status}")]
    public static partial void WebhookAttempt(ILogger logger, string @event, string deliveryId, int attempt, string status);

    [LoggerMessage(4, LogLevel.Warning, "Zoom sandbox: no WebhookUrl configured; event {Event} not sent")]
    public static partial void NoWebhookUrl(ILogger logger, string @event);

    [LoggerMessage(5, LogLevel.Information, "Zoom sandbox: injected fault {Fault} on {Operation}")]
    public static partial void FaultInjected(ILogger logger, string fault, string operation);

    [LoggerMessage(6, LogLevel.Information, "Zoom sandbox: state loaded from {Path} (seeded: {Seeded})")]
    public static partial void StateLoaded(ILogger logger, string path, bool seeded);

    [LoggerMessage(7, LogLevel.Error, "Zoom sandbox: webhook dispatcher failed")]
    public static partial void DispatcherFailed(ILogger logger, Exception exception);
}
