using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Saiyo.Zoom;

/// <summary>
/// Zoom REST API on behalf of a linked account (<c>connectionKey</c>, resolved to a token by the caller's
/// <see cref="IZoomTokenSource"/>). On 401 (code 124) the client asks the source to refresh once and retries once.
/// </summary>
public interface IZoomApiClient
{
    /// <summary>All active users, every page (page_size 300).</summary>
    Task<ZoomResult<IReadOnlyList<ZoomUser>>> ListUsersAsync(string connectionKey, CancellationToken cancellationToken);

    /// <summary>One user by ID or email.</summary>
    Task<ZoomResult<ZoomUser>> GetUserAsync(string connectionKey, string userId, CancellationToken cancellationToken);

    /// <summary>The authorizing user (<c>users/me</c>), with <see cref="ZoomUser.AccountId"/>.</summary>
    Task<ZoomResult<ZoomUser>> GetMeAsync(string connectionKey, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a scheduled meeting. Sent once (never retried after it may have reached Zoom): a lost response gives
    /// <see cref="ZoomErrorKind.OutcomeUnknown"/>; then call <see cref="FindMeetingByTagAsync"/> with the request's
    /// <see cref="ZoomMeetingRequest.ReconciliationTag"/> before creating again.
    /// </summary>
    Task<ZoomResult<ZoomMeeting>> CreateMeetingAsync(string connectionKey, string hostUserId, ZoomMeetingRequest request, CancellationToken cancellationToken);

    /// <summary>Finds the host's scheduled meeting whose agenda carries <paramref name="tag"/> (all pages); null when none.</summary>
    Task<ZoomResult<ZoomMeeting?>> FindMeetingByTagAsync(string connectionKey, string hostUserId, string tag, CancellationToken cancellationToken);

    /// <summary>The host's scheduled (upcoming and unexpired) meetings, all pages.</summary>
    Task<ZoomResult<IReadOnlyList<ZoomMeeting>>> ListMeetingsAsync(string connectionKey, string hostUserId, CancellationToken cancellationToken);

    /// <summary>Reads a meeting (with a fresh <see cref="ZoomMeeting.StartUrl"/>).</summary>
    Task<ZoomResult<ZoomMeeting>> GetMeetingAsync(string connectionKey, long meetingId, CancellationToken cancellationToken);

    /// <summary>Updates a meeting to the requested state (idempotent: retried on transient faults).</summary>
    Task<ZoomResult> UpdateMeetingAsync(string connectionKey, long meetingId, ZoomMeetingRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes a meeting. 404/3001 is a success with <see cref="ZoomResult.AlreadyGone"/> set; 3002 (in progress) is <see cref="ZoomErrorKind.BadRequest"/>.</summary>
    Task<ZoomResult> DeleteMeetingAsync(string connectionKey, long meetingId, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a participant (meeting must use approval_type 0 for a personal join URL). Sent once (not idempotent): a lost
    /// response gives <see cref="ZoomErrorKind.OutcomeUnknown"/>; then call <see cref="FindRegistrantByEmailAsync"/> before adding again.
    /// </summary>
    Task<ZoomResult<ZoomRegistrant>> AddRegistrantAsync(string connectionKey, long meetingId, string email, string firstName, string? lastName, CancellationToken cancellationToken);

    /// <summary>The meeting's registrants of one status (approved, pending or denied; all pages).</summary>
    Task<ZoomResult<IReadOnlyList<ZoomRegistrant>>> ListRegistrantsAsync(string connectionKey, long meetingId, string status, CancellationToken cancellationToken);

    /// <summary>The meeting's approved registrant with <paramref name="email"/> (case-insensitive), with its join URL; null when none.</summary>
    Task<ZoomResult<ZoomRegistrant?>> FindRegistrantByEmailAsync(string connectionKey, long meetingId, string email, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels an approved registration (<c>PUT /meetings/{id}/registrants/status</c>, action <c>cancel</c>): its personal join URL stops
    /// working. Idempotent (retried on transient faults); 404/3001 (meeting gone) is a success with <see cref="ZoomResult.AlreadyGone"/> set.
    /// </summary>
    Task<ZoomResult> CancelRegistrantAsync(string connectionKey, long meetingId, string registrantId, string? email, CancellationToken cancellationToken);

    /// <summary>Participants of an ended meeting instance (all pages); the UUID is encoded as Zoom requires.</summary>
    Task<ZoomResult<IReadOnlyList<ZoomParticipant>>> ListPastParticipantsAsync(string connectionKey, string meetingUuid, CancellationToken cancellationToken);
}

/// <inheritdoc />
internal sealed class ZoomApiClient(
    IHttpClientFactory httpClientFactory,
    IZoomTokenSource tokens,
    IOptionsMonitor<ZoomOptions> options,
    TimeProvider time,
    ILogger<ZoomApiClient> logger) : IZoomApiClient
{
    private const int MaxPages = 1000;

    public Task<ZoomResult<IReadOnlyList<ZoomUser>>> ListUsersAsync(string connectionKey, CancellationToken cancellationToken) =>
        ListAllAsync(
            "ListUsers", connectionKey, ZoomDefaults.UsersPath, ZoomJsonContext.Default.UserPageBody,
            page => (page.Users?.Select(u => u.ToModel()) ?? [], page.NextPageToken), cancellationToken);

    public Task<ZoomResult<ZoomUser>> GetUserAsync(string connectionKey, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return GetAsync("GetUser", connectionKey, ZoomDefaults.UserPath(userId), ZoomJsonContext.Default.UserBody, u => u.ToModel(), cancellationToken);
    }

    public Task<ZoomResult<ZoomUser>> GetMeAsync(string connectionKey, CancellationToken cancellationToken) =>
        GetAsync("GetMe", connectionKey, ZoomDefaults.UserPath("me"), ZoomJsonContext.Default.UserBody, u => u.ToModel(), cancellationToken);

    public async Task<ZoomResult<ZoomMeeting>> CreateMeetingAsync(
        string connectionKey, string hostUserId, ZoomMeetingRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostUserId);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        const string operation = "CreateMeeting";
        var body = JsonSerializer.SerializeToUtf8Bytes(MeetingWriteBody.From(request, forCreate: true), ZoomJsonContext.Default.MeetingWriteBody);
        var response = await SendAsync(operation, connectionKey, HttpMethod.Post, ZoomDefaults.UserMeetingsPath(hostUserId), body, repeatable: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return response.Error;
        }

        // Created but unreadable: the meeting exists and the caller must reconcile.
        return Read(operation, response.Value, ZoomJsonContext.Default.MeetingBody, m => m.ToModel(), ZoomErrorKind.OutcomeUnknown);
    }

    public async Task<ZoomResult<ZoomMeeting?>> FindMeetingByTagAsync(
        string connectionKey, string hostUserId, string tag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostUserId);
        ZoomMeetingRequest.ValidateTag(tag);
        var meetings = await ListMeetingsAsync(connectionKey, hostUserId, cancellationToken).ConfigureAwait(false);
        if (!meetings.IsSuccess)
        {
            return meetings.Error;
        }

        return ZoomResult.Success<ZoomMeeting?>(meetings.Value.FirstOrDefault(m => string.Equals(m.ReconciliationTag, tag, StringComparison.Ordinal)));
    }

    public Task<ZoomResult<IReadOnlyList<ZoomMeeting>>> ListMeetingsAsync(string connectionKey, string hostUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostUserId);
        return ListAllAsync(
            "ListMeetings", connectionKey, token => ZoomDefaults.ListUserMeetingsPath(hostUserId, token), ZoomJsonContext.Default.MeetingPageBody,
            page => (page.Meetings?.Select(m => m.ToModel()) ?? [], page.NextPageToken), cancellationToken);
    }

    public Task<ZoomResult<ZoomMeeting>> GetMeetingAsync(string connectionKey, long meetingId, CancellationToken cancellationToken) =>
        GetAsync("GetMeeting", connectionKey, ZoomDefaults.MeetingPath(meetingId), ZoomJsonContext.Default.MeetingBody, m => m.ToModel(), cancellationToken);

    public async Task<ZoomResult> UpdateMeetingAsync(string connectionKey, long meetingId, ZoomMeetingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var body = JsonSerializer.SerializeToUtf8Bytes(MeetingWriteBody.From(request, forCreate: false), ZoomJsonContext.Default.MeetingWriteBody);
        var response = await SendAsync("UpdateMeeting", connectionKey, HttpMethod.Patch, ZoomDefaults.MeetingPath(meetingId), body, repeatable: true, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? ZoomResult.Success() : ZoomResult.Failure(response.Error);
    }

    public async Task<ZoomResult> DeleteMeetingAsync(string connectionKey, long meetingId, CancellationToken cancellationToken)
    {
        const string operation = "DeleteMeeting";
        return await SendGoneIsDoneAsync(operation, connectionKey, HttpMethod.Delete, ZoomDefaults.MeetingPath(meetingId), null, meetingId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ZoomResult<ZoomRegistrant>> AddRegistrantAsync(
        string connectionKey, long meetingId, string email, string firstName, string? lastName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        ArgumentException.ThrowIfNullOrEmpty(firstName);
        const string operation = "AddRegistrant";
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RegistrantWriteBody
            {
                Email = email,
                FirstName = ZoomMeetingRequest.Truncate(firstName, 64),
                LastName = string.IsNullOrEmpty(lastName) ? null : ZoomMeetingRequest.Truncate(lastName, 64),
            },
            ZoomJsonContext.Default.RegistrantWriteBody);
        var response = await SendAsync(operation, connectionKey, HttpMethod.Post, ZoomDefaults.RegistrantsPath(meetingId), body, repeatable: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return response.Error;
        }

        return Read(
            operation, response.Value, ZoomJsonContext.Default.RegistrantBody,
            r => new ZoomRegistrant(r.RegistrantId ?? "", r.Id ?? meetingId, r.JoinUrl, r.Topic, ZoomJson.ParseInstant(r.StartTime)),
            ZoomErrorKind.OutcomeUnknown);
    }

    public Task<ZoomResult<IReadOnlyList<ZoomRegistrant>>> ListRegistrantsAsync(
        string connectionKey, long meetingId, string status, CancellationToken cancellationToken)
    {
        if (status is not ("approved" or "pending" or "denied"))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "approved, pending or denied");
        }

        return ListAllAsync(
            "ListRegistrants", connectionKey, token => ZoomDefaults.ListRegistrantsPath(meetingId, status, token), ZoomJsonContext.Default.RegistrantPageBody,
            page => (page.Registrants?.Select(r => new ZoomRegistrant(r.Id ?? "", meetingId, r.JoinUrl, null, null) { Email = r.Email, Status = r.Status ?? status }) ?? [],
                page.NextPageToken),
            cancellationToken);
    }

    public async Task<ZoomResult<ZoomRegistrant?>> FindRegistrantByEmailAsync(
        string connectionKey, long meetingId, string email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        var approved = await ListRegistrantsAsync(connectionKey, meetingId, "approved", cancellationToken).ConfigureAwait(false);
        return approved.IsSuccess
            ? ZoomResult.Success<ZoomRegistrant?>(approved.Value.FirstOrDefault(r => string.Equals(r.Email, email.Trim(), StringComparison.OrdinalIgnoreCase)))
            : approved.Error;
    }

    public async Task<ZoomResult> CancelRegistrantAsync(
        string connectionKey, long meetingId, string registrantId, string? email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(registrantId);
        const string operation = "CancelRegistrant";
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RegistrantStatusBody { Action = "cancel", Registrants = [new RegistrantRefBody { Id = registrantId, Email = string.IsNullOrEmpty(email) ? null : email }] },
            ZoomJsonContext.Default.RegistrantStatusBody);
        // Setting a status is idempotent: safe to retry after a lost response.
        return await SendGoneIsDoneAsync(operation, connectionKey, HttpMethod.Put, ZoomDefaults.RegistrantStatusPath(meetingId), body, meetingId, cancellationToken).ConfigureAwait(false);
    }

    public Task<ZoomResult<IReadOnlyList<ZoomParticipant>>> ListPastParticipantsAsync(
        string connectionKey, string meetingUuid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(meetingUuid);
        return ListAllAsync(
            "ListPastParticipants", connectionKey, token => ZoomDefaults.PastParticipantsPath(meetingUuid, token), ZoomJsonContext.Default.ParticipantPageBody,
            page => (page.Participants?.Select(p => p.ToModel()) ?? [], page.NextPageToken), cancellationToken);
    }

    private async Task<ZoomResult<T>> GetAsync<TBody, T>(
        string operation, string connectionKey, string path, JsonTypeInfo<TBody> typeInfo, Func<TBody, T> map, CancellationToken cancellationToken)
    {
        var response = await SendAsync(operation, connectionKey, HttpMethod.Get, path, null, repeatable: true, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? Read(operation, response.Value, typeInfo, map, ZoomErrorKind.InvalidResponse) : response.Error;
    }

    private async Task<ZoomResult<IReadOnlyList<T>>> ListAllAsync<TPage, T>(
        string operation, string connectionKey, Func<string?, string> path, JsonTypeInfo<TPage> typeInfo,
        Func<TPage, (IEnumerable<T> Items, string? Next)> split, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        string? next = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await GetAsync(operation, connectionKey, path(next), typeInfo, split, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            all.AddRange(result.Value.Items);
            next = result.Value.Next;
            if (string.IsNullOrEmpty(next))
            {
                return ZoomResult.Success<IReadOnlyList<T>>(all);
            }
        }

        return Fail(operation, new ZoomError(ZoomErrorKind.InvalidResponse, $"Zoom returned more than {MaxPages} pages."));
    }

    private ZoomResult<T> Read<TBody, T>(string operation, ZoomHttpResponse response, JsonTypeInfo<TBody> typeInfo, Func<TBody, T> map, ZoomErrorKind unreadable)
    {
        try
        {
            if (JsonSerializer.Deserialize(response.Body, typeInfo) is { } body)
            {
                return ZoomResult.Success(map(body));
            }
        }
        catch (JsonException)
        {
        }

        return Fail(operation, new ZoomError(unreadable, "Zoom's response could not be read.", HttpStatus: (int)response.Status));
    }

    /// <summary>Sends with the connection's token; on 401 asks the token source to refresh once and resends once.</summary>
    /// <summary>
    /// Sends a repeatable call whose goal is that something is gone: Zoom's "meeting not found" (e.g. deleted on Zoom's side,
    /// or by our own earlier attempt whose answer was lost) is <see cref="ZoomResult.Gone"/>, not a failure.
    /// </summary>
    private async Task<ZoomResult> SendGoneIsDoneAsync(
        string operation, string connectionKey, HttpMethod method, string path, byte[]? body, long meetingId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(
            operation, connectionKey, method, path, body, repeatable: true, cancellationToken,
            isAcceptedFailure: r => r.Status == HttpStatusCode.NotFound && ReadCode(r) == ZoomDefaults.MeetingNotFoundCode).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return ZoomResult.Failure(response.Error);
        }

        if (response.Value.Status == HttpStatusCode.NotFound)
        {
            ZoomLog.AlreadyGone(logger, operation, meetingId);
            return ZoomResult.Gone();
        }

        return ZoomResult.Success();
    }

    private async Task<ZoomResult<ZoomHttpResponse>> SendAsync(
        string operation, string connectionKey, HttpMethod method, string path, byte[]? jsonBody, bool repeatable,
        CancellationToken cancellationToken, Func<ZoomHttpResponse, bool>? isAcceptedFailure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionKey);
        var mayHaveTakenEffect = !repeatable;
        ZoomAccessToken token;
        ZoomResult<ZoomHttpResponse> response;
        try
        {
            token = await tokens.GetAccessTokenAsync(connectionKey, cancellationToken).ConfigureAwait(false);
            response = await SendOnceAsync(operation, connectionKey, token, method, path, jsonBody, repeatable, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess && response.Value.Status == HttpStatusCode.Unauthorized)
            {
                ZoomLog.AccessTokenRejected(logger, connectionKey, operation);
                token = await tokens.RefreshAfterRejectionAsync(connectionKey, token.Value, cancellationToken).ConfigureAwait(false);
                response = await SendOnceAsync(operation, connectionKey, token, method, path, jsonBody, repeatable, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ZoomReauthorizationRequiredException)
        {
            ZoomLog.ReauthorizationRequired(logger, connectionKey);
            return new ZoomError(ZoomErrorKind.ReauthorizationRequired, "The Zoom account must be authorized again.");
        }
        catch (HttpRequestException)
        {
            // Thrown by the caller's token source (e.g. Zoom's token endpoint unreachable): nothing was sent to the API.
            return Fail(operation, new ZoomError(ZoomErrorKind.Transient, "Could not obtain a Zoom access token."));
        }

        if (!response.IsSuccess || response.Value.IsSuccessStatus || isAcceptedFailure?.Invoke(response.Value) == true)
        {
            return response;
        }

        return Fail(operation, ZoomHttp.Classify(response.Value, mayHaveTakenEffect, options.CurrentValue.Resilience, time));
    }

    private async Task<ZoomResult<ZoomHttpResponse>> SendOnceAsync(
        string operation, string connectionKey, ZoomAccessToken token, HttpMethod method, string path, byte[]? jsonBody, bool repeatable, CancellationToken cancellationToken)
    {
        var apiUrl = token.ApiUrl ?? options.CurrentValue.ApiBaseUrl;
        using var request = new HttpRequestMessage(method, ZoomDefaults.ApiUri(apiUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(ZoomHttp.RepeatableKey, repeatable);
        request.Options.Set(ZoomHttp.ConnectionKey, connectionKey);
        request.Options.Set(ZoomHttp.CategoryKey, ZoomDefaults.RateCategory(operation));
        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        try
        {
            var client = httpClientFactory.CreateClient(ZoomDefaults.ApiHttpClientName);
            using var message = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ZoomResult.Success(await ZoomHttp.ReadAsync(message, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ZoomHttp.Classify(ex, mayHaveTakenEffect: !repeatable, cancellationToken) is { } error)
        {
            return Fail(operation, error);
        }
    }

    private static int? ReadCode(ZoomHttpResponse response)
    {
        try
        {
            return response.Body.Length == 0 ? null : JsonSerializer.Deserialize(response.Body, ZoomJsonContext.Default.ErrorBody)?.Code;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private ZoomError Fail(string operation, ZoomError error)
    {
        ZoomLog.CallFailed(logger, operation, error.Kind, error.HttpStatus, error.ZoomCode);
        return error;
    }
}
