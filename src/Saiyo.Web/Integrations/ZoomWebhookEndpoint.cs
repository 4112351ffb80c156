using Saiyo.Zoom.Webhooks;

namespace Saiyo.Web.Integrations;

/// <summary>
/// Zoom's event notifications. Verified on the raw bytes (signature and timestamp) before anything
/// is read; a failed check answers a bare 401 and changes nothing. Handlers are idempotent because
/// Zoom retries deliveries.
/// </summary>
public static partial class ZoomWebhookEndpoint
{
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapZoomWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Hosting.ZoomSetup.WebhookPath, HandleAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request, ZoomWebhookVerifier verifier, ZoomWebhookParser parser, WebhookReplayGuard replays, ZoomLinkageService linkage,
        Meetings.MeetingWebhookHandler meetings, Meetings.HostReassignment hosts, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Saiyo.Integrations.ZoomWebhook");
        if (request.ContentLength > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var body = buffer.ToArray();

        string timestamp = request.Headers["x-zm-request-timestamp"].ToString(), signature = request.Headers["x-zm-signature"].ToString();
        var verification = verifier.Verify(body, timestamp, signature);
        if (!verification.IsValid)
        {
            LogRejected(logger, verification.Failure.ToString());
            return Results.Unauthorized();
        }
        if (!await replays.TryRecordAsync(timestamp, signature, ct))
        {
            // A copy of a delivery already handled (a replay, or Zoom retrying after a lost answer): acknowledged, nothing done.
            LogReplayed(logger);
            return Results.Ok();
        }

        try
        {
            return await DispatchAsync(parser.Parse(body), verifier, linkage, meetings, hosts, logger, ct);
        }
        catch
        {
            await replays.ForgetAsync(timestamp, signature);
            throw;
        }
    }

    private static async Task<IResult> DispatchAsync(
        ZoomWebhookEvent parsed, ZoomWebhookVerifier verifier, ZoomLinkageService linkage, Meetings.MeetingWebhookHandler meetings, Meetings.HostReassignment hosts,
        ILogger logger, CancellationToken ct)
    {
        switch (parsed)
        {
            case ZoomUrlValidationEvent e:
                return Results.Json(verifier.CreateUrlValidationResponse(e.PlainToken));
            case ZoomAppDeauthorizedEvent e:
                var known = await linkage.HandleDeauthorizedAsync(e.AccountId, e.UserId, e.DeauthorizationTime, ct);
                LogDeauthorized(logger, e.AccountId, known);
                return Results.Ok();
            case ZoomMeetingDeletedEvent e:
                var reissued = await meetings.HandleDeletedAsync(e.AccountId, e.MeetingId, ct);
                LogMeetingDeleted(logger, e.MeetingId, reissued);
                return Results.Ok();
            case ZoomMeetingEndedEvent e:
                // Only recorded here (Zoom wants an answer within 3 s); the attendance worker reads the participants.
                var due = await meetings.HandleEndedAsync(e.AccountId, e.MeetingId, e.Uuid, e.EventTs, ct);
                LogMeetingEnded(logger, e.MeetingId, due);
                return Results.Ok();
            case ZoomUserGoneEvent e:
                // The user's coming pool 日程 move to other free hosts; the meeting worker does the Zoom calls afterwards.
                await hosts.HandleUserGoneAsync(e.AccountId, e.UserId, e.Deleted, ct);
                return Results.Ok();
            case ZoomMalformedEvent:
                return Results.BadRequest();
            default:
                return Results.Ok();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoom webhook delivery already accepted once; ignored")]
    private static partial void LogReplayed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoom webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoom meeting.deleted for meeting {MeetingId} (schedules to issue again: {Count})")]
    private static partial void LogMeetingDeleted(ILogger logger, long meetingId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoom meeting.ended for meeting {MeetingId} (schedules due for attendance: {Count})")]
    private static partial void LogMeetingEnded(ILogger logger, long meetingId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoom app_deauthorized for account {AccountId} (linked here: {Known})")]
    private static partial void LogDeauthorized(ILogger logger, string accountId, bool known);
}
