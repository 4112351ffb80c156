using System.Globalization;

namespace Saiyo.Zoom;

/// <summary>A Zoom user.</summary>
/// <param name="Id">Zoom user ID.</param>
/// <param name="Email">Email address.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="DisplayName">Display name.</param>
/// <param name="Type">1 basic, 2 licensed.</param>
/// <param name="TimeZone">The user's time zone (IANA).</param>
/// <param name="Status">active, inactive or pending.</param>
/// <param name="AccountId">The account's ID (returned for <c>users/me</c> and single-user reads).</param>
public sealed record ZoomUser(
    string Id,
    string Email,
    string? FirstName,
    string? LastName,
    string? DisplayName,
    int Type,
    string? TimeZone,
    string? Status,
    string? AccountId);

/// <summary>A Zoom meeting as returned by create or get.</summary>
public sealed record ZoomMeeting
{
    /// <summary>Meeting number (int64; more than 10 digits).</summary>
    public required long Id { get; init; }

    /// <summary>Meeting instance UUID.</summary>
    public string? Uuid { get; init; }

    /// <summary>Host user ID.</summary>
    public string? HostId { get; init; }

    /// <summary>Join URL for participants.</summary>
    public string? JoinUrl { get; init; }

    /// <summary>Host start URL; carries the host's ZAK and expires in 2 hours: fetch fresh with GET, never store or show to applicants. Never logged.</summary>
    public string? StartUrl { get; init; }

    /// <summary>Meeting passcode. Never logged.</summary>
    public string? Password { get; init; }

    /// <summary>Start instant.</summary>
    public DateTimeOffset? StartUtc { get; init; }

    /// <summary>Duration in minutes.</summary>
    public int Duration { get; init; }

    /// <summary>Topic.</summary>
    public string? Topic { get; init; }

    /// <summary>Agenda as Zoom stores it (with the reconciliation marker, if one was sent).</summary>
    public string? Agenda { get; init; }

    /// <summary>Display time zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The reconciliation tag found in the agenda, if any.</summary>
    public string? ReconciliationTag => ZoomMeetingRequest.ReadTag(Agenda);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"ZoomMeeting {{ Id = {Id}, HostId = {HostId}, StartUtc = {StartUtc:O}, Duration = {Duration} }}");
}

/// <summary>What to schedule. <see cref="StartUtc"/> is an instant; it is sent as UTC (<c>yyyy-MM-ddTHH:mm:ssZ</c>).</summary>
public sealed record ZoomMeetingRequest
{
    private const string TagPrefix = "[ref:";
    private const string TagSuffix = "]";
    internal const int MaxAgendaLength = 2000;
    internal const int MaxTopicLength = 200;

    /// <summary>Meeting topic (Zoom keeps 200 characters; longer is cut).</summary>
    public required string Topic { get; init; }

    /// <summary>Agenda text (the reconciliation marker is put in front of it).</summary>
    public string? Agenda { get; init; }

    /// <summary>
    /// The start instant. Pass a <see cref="DateTimeOffset"/> or a <see cref="DateTime"/> of kind UTC: a DateTime of kind
    /// Unspecified would be taken as the server's local time by the implicit conversion.
    /// </summary>
    public required DateTimeOffset StartUtc { get; init; }

    /// <summary>Duration in minutes.</summary>
    public required int Duration { get; init; }

    /// <summary>IANA time zone shown to participants (display only: the instant is always sent in UTC).</summary>
    public string? TimeZoneId { get; init; }

    /// <summary>Hold participants in a waiting room.</summary>
    public bool WaitingRoom { get; init; }

    /// <summary>Let Zoom generate a passcode (create only; <c>default_password</c>).</summary>
    public bool GeneratePasscode { get; init; } = true;

    /// <summary>An explicit passcode (at most 10 characters). Never logged.</summary>
    public string? Passcode { get; init; }

    /// <summary>Require registration with automatic approval (<c>approval_type</c> 0) so registrants get personal join URLs; otherwise 2 (no registration).</summary>
    public bool RegistrationRequired { get; init; }

    /// <summary>Allow participants to join before the host.</summary>
    public bool? JoinBeforeHost { get; init; }

    /// <summary>
    /// Caller-chosen unique tag (e.g. the schedule's ID) written at the start of the agenda so that a create whose outcome is
    /// unknown can be found again with <see cref="IZoomApiClient.FindMeetingByTagAsync"/>. Letters, digits, '-', '_', '.', ':' only.
    /// </summary>
    public string? ReconciliationTag { get; init; }

    /// <summary>The <c>start_time</c> value sent to Zoom: the UTC instant, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public string ZoomStartTime => FormatStartTime(StartUtc);

    /// <summary>Formats an instant as Zoom's UTC <c>start_time</c>.</summary>
    public static string FormatStartTime(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The agenda as sent: marker line first (listed agendas are cut to 250 characters), then the caller's agenda, within 2000 characters.</summary>
    public string? ZoomAgenda
    {
        get
        {
            if (string.IsNullOrEmpty(ReconciliationTag))
            {
                return Truncate(Agenda, MaxAgendaLength);
            }

            var marker = TagPrefix + ReconciliationTag + TagSuffix;
            return string.IsNullOrEmpty(Agenda) ? marker : Truncate(marker + "\n" + Agenda, MaxAgendaLength);
        }
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Topic);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Duration);
        if (Passcode is { Length: > 10 })
        {
            throw new ArgumentException("A Zoom passcode has at most 10 characters.", nameof(Passcode));
        }

        if (ReconciliationTag is not null)
        {
            ValidateTag(ReconciliationTag);
        }
    }

    internal static void ValidateTag(string tag)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        if (tag.Length > ZoomDefaults.MaxReconciliationTagLength
            || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            throw new ArgumentException(
                $"A reconciliation tag has 1 to {ZoomDefaults.MaxReconciliationTagLength} characters from [A-Za-z0-9-_.:].", nameof(tag));
        }
    }

    internal static string? ReadTag(string? agenda)
    {
        if (agenda is null || !agenda.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = agenda.IndexOf(TagSuffix, TagPrefix.Length, StringComparison.Ordinal);
        return end < 0 ? null : agenda[TagPrefix.Length..end];
    }

    internal static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>A meeting registrant.</summary>
/// <param name="RegistrantId">Registrant ID.</param>
/// <param name="MeetingId">Meeting number.</param>
/// <param name="JoinUrl">Personal join URL (absent when the meeting uses manual approval).</param>
/// <param name="Topic">Meeting topic.</param>
/// <param name="StartUtc">Meeting start.</param>
public sealed record ZoomRegistrant(string RegistrantId, long MeetingId, string? JoinUrl, string? Topic, DateTimeOffset? StartUtc)
{
    /// <summary>The registrant's email (listed registrants; add returns none).</summary>
    public string? Email { get; init; }

    /// <summary>approved, pending or denied (listed registrants).</summary>
    public string? Status { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"ZoomRegistrant {{ RegistrantId = {RegistrantId}, MeetingId = {MeetingId}, Status = {Status} }}";
}

/// <summary>A participant of an ended meeting instance (one row per join).</summary>
/// <param name="Id">Zoom user ID when signed in, else empty.</param>
/// <param name="UserId">Per-meeting participant ID.</param>
/// <param name="Name">Display name.</param>
/// <param name="UserEmail">Email (may be empty for external users).</param>
/// <param name="RegistrantId">Registrant ID when the participant registered.</param>
/// <param name="JoinTime">Join instant.</param>
/// <param name="LeaveTime">Leave instant.</param>
/// <param name="Duration">Seconds in the meeting.</param>
public sealed record ZoomParticipant(
    string? Id,
    string? UserId,
    string? Name,
    string? UserEmail,
    string? RegistrantId,
    DateTimeOffset? JoinTime,
    DateTimeOffset? LeaveTime,
    int Duration);
