using System.Globalization;
using System.Text.Json;

namespace Saiyo.Zoom.Webhooks;

/// <summary>Parses a (verified) webhook body into a typed event, tolerant of missing optional fields.</summary>
public sealed class ZoomWebhookParser
{
    /// <summary>Event names.</summary>
    public const string UrlValidation = "endpoint.url_validation", AppDeauthorized = "app_deauthorized",
        MeetingDeleted = "meeting.deleted", MeetingUpdated = "meeting.updated", MeetingEnded = "meeting.ended",
        UserDeactivated = "user.deactivated", UserDeleted = "user.deleted";

    /// <summary>Parses the raw body.</summary>
    public ZoomWebhookEvent Parse(ReadOnlySpan<byte> rawBody)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(rawBody);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return new ZoomMalformedEvent("The body is not JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "event") is not { Length: > 0 } name)
            {
                return new ZoomMalformedEvent("The body has no event.");
            }

            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var eventTs = Instant(root, "event_ts") ?? Instant(payload, "event_ts");
            switch (name)
            {
                case UrlValidation:
                    return Text(payload, "plainToken") is { Length: > 0 } plain
                        ? new ZoomUrlValidationEvent(plain, eventTs)
                        : new ZoomMalformedEvent("url_validation without payload.plainToken.");
                case AppDeauthorized:
                    return Text(payload, "account_id") is { Length: > 0 } deauthorizedAccount
                        ? new ZoomAppDeauthorizedEvent(deauthorizedAccount, Text(payload, "user_id"), Text(payload, "client_id"), Instant(payload, "deauthorization_time"), eventTs)
                        : new ZoomMalformedEvent("app_deauthorized without payload.account_id.");
                case MeetingDeleted or MeetingUpdated or MeetingEnded:
                    var meeting = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("object", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
                    if (Int64(meeting, "id") is not { } id)
                    {
                        return new ZoomMalformedEvent($"{name} without payload.object.id.");
                    }

                    var (accountId, uuid, host, start) = (Text(payload, "account_id"), Text(meeting, "uuid"), Text(meeting, "host_id"), Instant(meeting, "start_time"));
                    return name switch
                    {
                        MeetingDeleted => new ZoomMeetingDeletedEvent(accountId, id, uuid, host, start, eventTs),
                        MeetingUpdated => new ZoomMeetingUpdatedEvent(accountId, id, uuid, host, start, eventTs),
                        _ => new ZoomMeetingEndedEvent(accountId, id, uuid, host, start, eventTs),
                    };
                case UserDeactivated or UserDeleted:
                    var user = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("object", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
                    return Text(user, "id") is { Length: > 0 } userId
                        ? new ZoomUserGoneEvent(name, Text(payload, "account_id"), userId, Text(user, "email"), eventTs)
                        : new ZoomMalformedEvent($"{name} without payload.object.id.");
                default:
                    return new ZoomUnknownEvent(name, eventTs);
            }
        }
    }

    private static JsonElement? Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    private static string? Text(JsonElement element, string name) => Get(element, name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        _ => null,
    };

    private static long? Int64(JsonElement element, string name) => Get(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    /// <summary>Epoch milliseconds (number or numeric string) or an ISO 8601 string.</summary>
    private static DateTimeOffset? Instant(JsonElement element, string name)
    {
        if (Int64(element, name) is { } ms)
        {
            return ms is >= 0 and < 253_402_300_800_000 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }

        return ZoomJson.ParseInstant(Text(element, name));
    }
}
