using System.Globalization;

namespace Saiyo.Zoom;

/// <summary>Every Zoom URL, path, header and name Saiyo uses, in one place.</summary>
public static class ZoomDefaults
{
    /// <summary>Zoom's OAuth host (authorize, token, revoke).</summary>
    public const string OAuthHost = "https://zoom.us";

    /// <summary>Zoom's API host; a token's <c>api_url</c> takes precedence.</summary>
    public const string ApiHost = "https://api.zoom.us";

    /// <summary>Zoom's REST base (API host plus <see cref="ApiVersionPath"/>).</summary>
    public const string ApiBase = ApiHost + "/" + ApiVersionPath;

    /// <summary>Path segment appended to the API host.</summary>
    public const string ApiVersionPath = "v2";

    /// <summary>Configuration section bound to <see cref="ZoomOptions"/>.</summary>
    public const string ConfigurationSection = "Zoom";

    /// <summary>Named <see cref="HttpClient"/> used for the OAuth host.</summary>
    public const string OAuthHttpClientName = "Saiyo.Zoom.OAuth";

    /// <summary>Named <see cref="HttpClient"/> used for the REST API.</summary>
    public const string ApiHttpClientName = "Saiyo.Zoom.Api";

    /// <summary>Page size used when listing (Zoom's maximum).</summary>
    public const int MaxPageSize = 300;

    /// <summary>Longest reconciliation tag accepted (it must fit in the 250 characters Zoom keeps in listed agendas).</summary>
    public const int MaxReconciliationTagLength = 64;

    /// <summary>Zoom's webhook request headers.</summary>
    public const string WebhookSignatureHeader = "x-zm-signature";

    /// <summary>Zoom's webhook timestamp header.</summary>
    public const string WebhookTimestampHeader = "x-zm-request-timestamp";

    /// <summary>Granular scopes the integration uses (informational: scopes are chosen in the Marketplace app).</summary>
    public static IReadOnlyList<string> Scopes { get; } =
    [
        "user:read:list_users:admin",
        "user:read:user:admin",
        "meeting:write:meeting:admin",
        "meeting:update:meeting:admin",
        "meeting:delete:meeting:admin",
        "meeting:read:meeting:admin",
        "meeting:read:list_meetings:admin",
        "meeting:write:registrant:admin",
        "meeting:read:list_past_participants:admin",
    ];

    internal const string AuthorizePath = "oauth/authorize";
    internal const string TokenPath = "oauth/token";
    internal const string RevokePath = "oauth/revoke";

    internal const string RateLimitTypeHeader = "X-RateLimit-Type";

    /// <summary>Zoom's rate-limit label of each API the client calls (by the client's operation name).</summary>
    internal static ZoomRateCategory RateCategory(string operation) => operation switch
    {
        "GetUser" or "GetMe" or "GetMeeting" or "UpdateMeeting" or "DeleteMeeting" or "AddRegistrant" => ZoomRateCategory.Light,
        _ => ZoomRateCategory.Medium, // ListUsers, CreateMeeting, list meetings, registrants, registrant status, past participants
    };
    internal const string DailyLimitRateLimitType = "Daily-limit";

    internal const int InvalidAccessTokenCode = 124;
    internal const int MeetingNotFoundCode = 3001;
    internal const int MissingScopesCode = 4711;

    internal const string ScheduledMeetingType = "2";

    internal static string UsersPath(string? nextPageToken) =>
        Paged($"users?status=active&page_size={MaxPageSize}", nextPageToken);

    internal static string UserPath(string userId) => "users/" + Uri.EscapeDataString(userId);

    internal static string UserMeetingsPath(string userId) => UserPath(userId) + "/meetings";

    internal static string ListUserMeetingsPath(string userId, string? nextPageToken) =>
        Paged($"{UserMeetingsPath(userId)}?type=scheduled&page_size={MaxPageSize}", nextPageToken);

    internal static string MeetingPath(long meetingId) =>
        "meetings/" + meetingId.ToString(CultureInfo.InvariantCulture);

    internal static string RegistrantsPath(long meetingId) => MeetingPath(meetingId) + "/registrants";

    internal static string ListRegistrantsPath(long meetingId, string status, string? nextPageToken) =>
        Paged($"{RegistrantsPath(meetingId)}?status={Uri.EscapeDataString(status)}&page_size={MaxPageSize}", nextPageToken);

    internal static string RegistrantStatusPath(long meetingId) => RegistrantsPath(meetingId) + "/status";

    /// <remarks>Zoom returns <c>registrant_id</c> only when asked for it with <c>include_fields</c>.</remarks>
    internal static string PastParticipantsPath(string meetingUuid, string? nextPageToken) =>
        Paged($"past_meetings/{EncodeMeetingUuid(meetingUuid)}/participants?page_size={MaxPageSize}&include_fields=registrant_id", nextPageToken);

    /// <summary>
    /// Zoom wants a meeting UUID that starts with '/' or contains '//' encoded twice; any other once.
    /// </summary>
    public static string EncodeMeetingUuid(string meetingUuid)
    {
        ArgumentException.ThrowIfNullOrEmpty(meetingUuid);
        var once = Uri.EscapeDataString(meetingUuid);
        return meetingUuid.StartsWith('/') || meetingUuid.Contains("//", StringComparison.Ordinal)
            ? Uri.EscapeDataString(once)
            : once;
    }

    /// <summary>Appends <paramref name="relative"/> to <paramref name="baseUri"/>, keeping any path the base has (e.g. a sandbox prefix).</summary>
    internal static Uri Combine(Uri baseUri, string relative) =>
        new(baseUri.AbsoluteUri.TrimEnd('/') + "/" + relative.TrimStart('/'), UriKind.Absolute);

    internal static Uri ApiUri(Uri apiUrl, string relative) =>
        Combine(Combine(apiUrl, ApiVersionPath), relative);

    private static string Paged(string path, string? nextPageToken) =>
        string.IsNullOrEmpty(nextPageToken) ? path : path + "&next_page_token=" + Uri.EscapeDataString(nextPageToken);
}
