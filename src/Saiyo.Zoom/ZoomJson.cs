using System.Globalization;
using System.Text.Json.Serialization;

namespace Saiyo.Zoom;

// Wire shapes of Zoom's JSON (snake_case). Public models are mapped from these.

internal sealed class TokenResponseBody
{
    public string? AccessToken { get; set; }
    public string? TokenType { get; set; }
    public string? RefreshToken { get; set; }
    public int? ExpiresIn { get; set; }
    public string? Scope { get; set; }
    public string? ApiUrl { get; set; }
}

internal sealed class ErrorBody
{
    public int? Code { get; set; }
    public string? Message { get; set; }
    public string? Error { get; set; }
    public string? Reason { get; set; }
}

internal sealed class UserBody
{
    public string? Id { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? DisplayName { get; set; }
    public int? Type { get; set; }
    public string? Timezone { get; set; }
    public string? Status { get; set; }
    public string? AccountId { get; set; }

    public ZoomUser ToModel() =>
        new(Id ?? "", Email ?? "", FirstName, LastName, DisplayName, Type ?? 0, Timezone, Status, AccountId);
}

internal sealed class UserPageBody
{
    public string? NextPageToken { get; set; }
    public List<UserBody>? Users { get; set; }
}

internal sealed class MeetingBody
{
    public long? Id { get; set; }
    public string? Uuid { get; set; }
    public string? HostId { get; set; }
    public string? JoinUrl { get; set; }
    public string? StartUrl { get; set; }
    public string? Password { get; set; }
    public string? StartTime { get; set; }
    public int? Duration { get; set; }
    public string? Topic { get; set; }
    public string? Agenda { get; set; }
    public string? Timezone { get; set; }

    public ZoomMeeting ToModel() => new()
    {
        Id = Id ?? 0,
        Uuid = Uuid,
        HostId = HostId,
        JoinUrl = JoinUrl,
        StartUrl = StartUrl,
        Password = Password,
        StartUtc = ZoomJson.ParseInstant(StartTime),
        Duration = Duration ?? 0,
        Topic = Topic,
        Agenda = Agenda,
        TimeZone = Timezone,
    };
}

internal sealed class MeetingPageBody
{
    public string? NextPageToken { get; set; }
    public List<MeetingBody>? Meetings { get; set; }
}

internal sealed class MeetingWriteBody
{
    public string? Topic { get; set; }
    public int? Type { get; set; }
    public string? StartTime { get; set; }
    public int? Duration { get; set; }
    public string? Timezone { get; set; }
    public string? Agenda { get; set; }
    public bool? DefaultPassword { get; set; }
    public string? Password { get; set; }
    public MeetingSettingsBody? Settings { get; set; }

    public static MeetingWriteBody From(ZoomMeetingRequest request, bool forCreate) => new()
    {
        Topic = ZoomMeetingRequest.Truncate(request.Topic, ZoomMeetingRequest.MaxTopicLength),
        Type = 2,
        StartTime = request.ZoomStartTime,
        Duration = request.Duration,
        Timezone = string.IsNullOrWhiteSpace(request.TimeZoneId) ? null : request.TimeZoneId,
        Agenda = request.ZoomAgenda,
        // default_password exists on create only; an update keeps the meeting's passcode unless one is given.
        DefaultPassword = forCreate && request.Passcode is null && request.GeneratePasscode ? true : null,
        Password = request.Passcode,
        Settings = new MeetingSettingsBody
        {
            WaitingRoom = request.WaitingRoom,
            JoinBeforeHost = request.JoinBeforeHost,
            ApprovalType = request.RegistrationRequired ? 0 : 2,
            RegistrationType = request.RegistrationRequired ? 1 : null,
        },
    };
}

internal sealed class MeetingSettingsBody
{
    public bool? WaitingRoom { get; set; }
    public bool? JoinBeforeHost { get; set; }
    public int? ApprovalType { get; set; }
    public int? RegistrationType { get; set; }
}

internal sealed class RegistrantWriteBody
{
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
}

internal sealed class RegistrantBody
{
    public long? Id { get; set; }
    public string? RegistrantId { get; set; }
    public string? JoinUrl { get; set; }
    public string? Topic { get; set; }
    public string? StartTime { get; set; }
}

internal sealed class RegistrantPageBody
{
    public string? NextPageToken { get; set; }
    public List<ListedRegistrantBody>? Registrants { get; set; }
}

// In a list, "id" is the registrant's ID (in the add response it is the meeting's).
internal sealed class ListedRegistrantBody
{
    public string? Id { get; set; }
    public string? Email { get; set; }
    public string? Status { get; set; }
    public string? JoinUrl { get; set; }
}

internal sealed class RegistrantStatusBody
{
    public string? Action { get; set; }
    public List<RegistrantRefBody>? Registrants { get; set; }
}

internal sealed class RegistrantRefBody
{
    public string? Id { get; set; }
    public string? Email { get; set; }
}

internal sealed class ParticipantBody
{
    public string? Id { get; set; }
    public string? UserId { get; set; }
    public string? Name { get; set; }
    public string? UserEmail { get; set; }
    public string? RegistrantId { get; set; }
    public string? JoinTime { get; set; }
    public string? LeaveTime { get; set; }
    public int? Duration { get; set; }

    public ZoomParticipant ToModel() => new(
        Id, UserId, Name, UserEmail, RegistrantId, ZoomJson.ParseInstant(JoinTime), ZoomJson.ParseInstant(LeaveTime), Duration ?? 0);
}

internal sealed class ParticipantPageBody
{
    public string? NextPageToken { get; set; }
    public List<ParticipantBody>? Participants { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TokenResponseBody))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(UserBody))]
[JsonSerializable(typeof(UserPageBody))]
[JsonSerializable(typeof(MeetingBody))]
[JsonSerializable(typeof(MeetingPageBody))]
[JsonSerializable(typeof(MeetingWriteBody))]
[JsonSerializable(typeof(RegistrantWriteBody))]
[JsonSerializable(typeof(RegistrantBody))]
[JsonSerializable(typeof(RegistrantPageBody))]
[JsonSerializable(typeof(RegistrantStatusBody))]
[JsonSerializable(typeof(ParticipantPageBody))]
internal sealed partial class ZoomJsonContext : JsonSerializerContext;

internal static class ZoomJson
{
    public static DateTimeOffset? ParseInstant(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
