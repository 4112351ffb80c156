namespace Saiyo.Zoom.Webhooks;

/// <summary>A parsed Zoom webhook delivery.</summary>
/// <param name="EventName">The <c>event</c> field.</param>
/// <param name="EventTs">The <c>event_ts</c> (top level or inside <c>payload</c>), when present.</param>
public abstract record ZoomWebhookEvent(string EventName, DateTimeOffset? EventTs);

/// <summary><c>endpoint.url_validation</c>: answer with <see cref="ZoomWebhookVerifier.CreateUrlValidationResponse"/>.</summary>
/// <param name="PlainToken">The token to sign.</param>
public sealed record ZoomUrlValidationEvent(string PlainToken, DateTimeOffset? EventTs)
    : ZoomWebhookEvent(ZoomWebhookParser.UrlValidation, EventTs);

/// <summary><c>app_deauthorized</c>: delete the account's tokens and Zoom data.</summary>
/// <param name="AccountId">The account that removed the app.</param>
/// <param name="UserId">The user who removed it.</param>
/// <param name="ClientId">The app's client ID.</param>
/// <param name="DeauthorizationTime">When it was removed.</param>
public sealed record ZoomAppDeauthorizedEvent(string AccountId, string? UserId, string? ClientId, DateTimeOffset? DeauthorizationTime, DateTimeOffset? EventTs)
    : ZoomWebhookEvent(ZoomWebhookParser.AppDeauthorized, EventTs);

/// <summary>A meeting event (<c>meeting.deleted</c>, <c>meeting.updated</c>, <c>meeting.ended</c>).</summary>
/// <param name="EventName">The event name.</param>
/// <param name="AccountId"><c>payload.account_id</c>.</param>
/// <param name="MeetingId"><c>payload.object.id</c> (sent as number or string).</param>
/// <param name="Uuid">Meeting instance UUID.</param>
/// <param name="HostId">Host user ID.</param>
/// <param name="StartTime">Start time, when given.</param>
/// <param name="EventTs">Event time.</param>
public abstract record ZoomMeetingEvent(string EventName, string? AccountId, long MeetingId, string? Uuid, string? HostId, DateTimeOffset? StartTime, DateTimeOffset? EventTs)
    : ZoomWebhookEvent(EventName, EventTs);

/// <summary><c>meeting.deleted</c>.</summary>
public sealed record ZoomMeetingDeletedEvent(string? AccountId, long MeetingId, string? Uuid, string? HostId, DateTimeOffset? StartTime, DateTimeOffset? EventTs)
    : ZoomMeetingEvent(ZoomWebhookParser.MeetingDeleted, AccountId, MeetingId, Uuid, HostId, StartTime, EventTs);

/// <summary><c>meeting.updated</c> (values are those of <c>payload.object</c>, i.e. the changed fields).</summary>
public sealed record ZoomMeetingUpdatedEvent(string? AccountId, long MeetingId, string? Uuid, string? HostId, DateTimeOffset? StartTime, DateTimeOffset? EventTs)
    : ZoomMeetingEvent(ZoomWebhookParser.MeetingUpdated, AccountId, MeetingId, Uuid, HostId, StartTime, EventTs);

/// <summary><c>meeting.ended</c>.</summary>
public sealed record ZoomMeetingEndedEvent(string? AccountId, long MeetingId, string? Uuid, string? HostId, DateTimeOffset? StartTime, DateTimeOffset? EventTs)
    : ZoomMeetingEvent(ZoomWebhookParser.MeetingEnded, AccountId, MeetingId, Uuid, HostId, StartTime, EventTs);

/// <summary><c>user.deactivated</c> or <c>user.deleted</c>: the user can no longer host meetings.</summary>
/// <param name="EventName">The event name.</param>
/// <param name="AccountId"><c>payload.account_id</c>.</param>
/// <param name="UserId"><c>payload.object.id</c>.</param>
/// <param name="Email"><c>payload.object.email</c>.</param>
public sealed record ZoomUserGoneEvent(string EventName, string? AccountId, string UserId, string? Email, DateTimeOffset? EventTs)
    : ZoomWebhookEvent(EventName, EventTs)
{
    /// <summary>Deleted (its meetings go with it) rather than deactivated.</summary>
    public bool Deleted => EventName == ZoomWebhookParser.UserDeleted;
}

/// <summary>An event this library does not model; acknowledge it with 200.</summary>
public sealed record ZoomUnknownEvent(string EventName, DateTimeOffset? EventTs) : ZoomWebhookEvent(EventName, EventTs);

/// <summary>A body that is not a Zoom event (not JSON, no <c>event</c>, or a known event lacking its required fields).</summary>
/// <param name="Reason">What is wrong.</param>
public sealed record ZoomMalformedEvent(string Reason) : ZoomWebhookEvent("", null);
