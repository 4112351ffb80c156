using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using static Saiyo.Zoom.Tests.Client.ZoomClientHarness;

namespace Saiyo.Zoom.Tests.Client;

/// <summary>Every request the client sends, checked against Zoom's own OpenAPI spec (shared/zoom/).</summary>
public sealed class RequestConformanceTests
{
    private const string CreatePath = "/users/{userId}/meetings", UpdatePath = "/meetings/{meetingId}", RegistrantPath = "/meetings/{meetingId}/registrants";

    public static TheoryData<string> MeetingRequests => ["minimal", "full", "oversized", "utc-datetime"];

    private static ZoomMeetingRequest MeetingRequest(string name) => name switch
    {
        "minimal" => new ZoomMeetingRequest { Topic = "Interview", StartUtc = DateTimeOffset.UtcNow.AddDays(3), Duration = 30 },
        "full" => ApiClientTests.Request() with { RegistrationRequired = true, Passcode = "a1b2c3d4e5", JoinBeforeHost = false, WaitingRoom = true },
        "oversized" => ApiClientTests.Request(new string('t', ZoomDefaults.MaxReconciliationTagLength)) with
        {
            Topic = new string('話', 300),
            Agenda = new string('a', 5000),
            GeneratePasscode = false,
        },
        _ => ApiClientTests.Request() with { StartUtc = new DateTime(2026, 3, 8, 7, 30, 0, DateTimeKind.Utc), TimeZoneId = "America/New_York" },
    };

    [Theory]
    [MemberData(nameof(MeetingRequests))]
    public async Task Create_meeting_body_validates_against_the_spec(string name)
    {
        var spec = OpenApiSpec.LoadOrSkip();
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.Created, ApiClientTests.MeetingJson);

        await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", MeetingRequest(name), Ct);

        AssertValid(spec, spec.RequestSchema(CreatePath, "post"), Assert.Single(zoom.Handler.Requests));
    }

    [Theory]
    [MemberData(nameof(MeetingRequests))]
    public async Task Update_meeting_body_validates_against_the_spec(string name)
    {
        var spec = OpenApiSpec.LoadOrSkip();
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.NoContent);

        await zoom.Api.UpdateMeetingAsync(ConnectionKey, 85746065123, MeetingRequest(name), Ct);

        AssertValid(spec, spec.RequestSchema(UpdatePath, "patch"), Assert.Single(zoom.Handler.Requests));
    }

    [Theory]
    [InlineData("taro@applicant.example", "太郎", "山田")]
    [InlineData("a@b.example", "OnlyFirst", null)]
    [InlineData("long@applicant.example", "F", "L")]
    public async Task Add_registrant_body_validates_against_the_spec(string email, string firstName, string? lastName)
    {
        var spec = OpenApiSpec.LoadOrSkip();
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.Created, """{"id":1,"registrant_id":"r","join_url":"https://zoom.example/w/1"}""");

        await zoom.Api.AddRegistrantAsync(ConnectionKey, 85746065123, email, firstName == "F" ? new string('F', 100) : firstName, lastName == "L" ? new string('L', 100) : lastName, Ct);

        AssertValid(spec, spec.RequestSchema(RegistrantPath, "post"), Assert.Single(zoom.Handler.Requests));
    }

    [Theory]
    [InlineData("taro@applicant.example")]
    [InlineData(null)]
    public async Task Cancel_registrant_body_validates_against_the_spec(string? email)
    {
        var spec = OpenApiSpec.LoadOrSkip();
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.NoContent);

        await zoom.Api.CancelRegistrantAsync(ConnectionKey, 85746065123, "9tboDiHUQAeOnbmudzWa5g", email, Ct);

        AssertValid(spec, spec.RequestSchema("/meetings/{meetingId}/registrants/status", "put"), Assert.Single(zoom.Handler.Requests));
    }

    /// <summary>
    /// Query parameters Zoom documents but the 2023-10 spec does not declare: <c>include_fields</c> is named in that spec's
    /// own description of <c>registrant_id</c> ("only returns if you pass the registrant_id value for the include_fields
    /// query parameter") and is declared in Zoom's current spec.
    /// </summary>
    private static readonly HashSet<(string Template, string Key)> NewerThanSpec = [("/past_meetings/{meetingId}/participants", "include_fields")];

    [Fact]
    public async Task Every_api_call_uses_a_documented_path_method_and_query_parameters()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.OK, """{"users":[],"next_page_token":"n"}""")
            .Respond(HttpStatusCode.OK, """{"users":[]}""")
            .Respond(HttpStatusCode.OK, """{"id":"u","email":"e@x.example"}""")
            .Respond(HttpStatusCode.OK, """{"id":"u","email":"e@x.example"}""")
            .Respond(HttpStatusCode.Created, ApiClientTests.MeetingJson)
            .Respond(HttpStatusCode.OK, """{"meetings":[],"next_page_token":"n"}""")
            .Respond(HttpStatusCode.OK, """{"meetings":[]}""")
            .Respond(HttpStatusCode.OK, ApiClientTests.MeetingJson)
            .Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.Created, """{"id":1,"registrant_id":"r"}""")
            .Respond(HttpStatusCode.OK, """{"registrants":[]}""")
            .Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.OK, """{"participants":[],"next_page_token":"n"}""")
            .Respond(HttpStatusCode.OK, """{"participants":[]}""");

        await zoom.Api.ListUsersAsync(ConnectionKey, Ct);
        await zoom.Api.GetUserAsync(ConnectionKey, "u", Ct);
        await zoom.Api.GetMeAsync(ConnectionKey, Ct);
        await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", ApiClientTests.Request(), Ct);
        await zoom.Api.FindMeetingByTagAsync(ConnectionKey, "host-1", "sched-42", Ct);
        await zoom.Api.GetMeetingAsync(ConnectionKey, 1, Ct);
        await zoom.Api.UpdateMeetingAsync(ConnectionKey, 1, ApiClientTests.Request(), Ct);
        await zoom.Api.DeleteMeetingAsync(ConnectionKey, 1, Ct);
        await zoom.Api.AddRegistrantAsync(ConnectionKey, 1, "a@x.example", "A", null, Ct);
        await zoom.Api.FindRegistrantByEmailAsync(ConnectionKey, 1, "a@x.example", Ct);
        await zoom.Api.CancelRegistrantAsync(ConnectionKey, 1, "r", "a@x.example", Ct);
        await zoom.Api.ListPastParticipantsAsync(ConnectionKey, "/ab//c==", Ct);

        Assert.Equal(15, zoom.Handler.Requests.Count);
        var problems = new List<string>();
        foreach (var request in zoom.Handler.Requests)
        {
            var method = request.Method.Method;
            var path = request.Uri.AbsolutePath;
            Assert.StartsWith("/v2/", path, StringComparison.Ordinal);
            var template = spec.MatchPath(path["/v2".Length..], method);
            if (template is null)
            {
                problems.Add($"{method} {path}: not in the spec.");
                continue;
            }

            var declared = spec.QueryParameters(template, method);
            problems.AddRange(QueryHelpers.ParseQuery(request.Uri.Query).Keys
                .Where(k => !declared.Contains(k) && !NewerThanSpec.Contains((template, k)))
                .Select(k => $"{method} {template}: query parameter '{k}' not declared."));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_validator_catches_what_it_claims_to()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        var create = spec.RequestSchema(CreatePath, "post");
        var registrant = spec.RequestSchema(RegistrantPath, "post");
        var update = spec.RequestSchema(UpdatePath, "patch");
        Assert.NotNull(create);
        Assert.NotNull(registrant);
        Assert.NotNull(update);

        static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

        Assert.Empty(spec.Validate(create, Json("""{"topic":"t","type":2,"start_time":"2026-12-01T01:00:00Z","duration":30,"settings":{"approval_type":0}}"""), strict: true));
        Assert.Contains(spec.Validate(create, Json("""{"topic":"t","type":5}"""), strict: true), e => e.Contains("$.type", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(create, Json("""{"duration":"30"}"""), strict: true), e => e.Contains("expected integer", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(create, Json("""{"duration":30.5}"""), strict: true), e => e.Contains("expected integer", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(create, Json("""{"start_time":"2026-12-01 01:00"}"""), strict: true), e => e.Contains("date-time", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(create, Json($$"""{"topic":"{{new string('x', 201)}}"}"""), strict: true), e => e.Contains("longer than 200", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(create, Json("""{"settings":{"waiting_rooms":true}}"""), strict: true), e => e.Contains("$.settings.waiting_rooms", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(create, Json("""{"settings":{"approval_type":3}}"""), strict: true), e => e.Contains("approval_type", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(create, Json("""{"topic":null}"""), strict: true), e => e.Contains("null", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(registrant, Json("""{"first_name":"A"}"""), strict: true), e => e.Contains("'email'", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(registrant, Json("""{"email":"not-an-email","first_name":"A"}"""), strict: true), e => e.Contains("email", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(update, Json("""{"default_password":true}"""), strict: true), e => e.Contains("default_password", StringComparison.Ordinal));
    }

    [Fact]
    public void The_spec_is_found_by_walking_up_from_the_test_assembly()
    {
        var path = OpenApiSpec.FindSpec();
        if (path is null)
        {
            Assert.Skip($"shared/zoom/{OpenApiSpec.FileName} is not above {AppContext.BaseDirectory}.");
        }

        Assert.EndsWith(Path.Combine("shared", "zoom", OpenApiSpec.FileName), path, StringComparison.Ordinal);
    }

    private static void AssertValid(OpenApiSpec spec, JsonElement? schema, RecordedRequest request)
    {
        Assert.True(schema is not null, $"The spec defines no JSON request body for {request.Method} {request.Uri.AbsolutePath}");
        Assert.Equal("application/json", request.ContentType);
        using var body = JsonDocument.Parse(request.Body!);
        var errors = spec.Validate(schema, body.RootElement, strict: true);
        Assert.True(errors.Count == 0, $"{request.Method} {request.Uri.AbsolutePath} body {request.Body}\n" + string.Join("\n", errors));
    }
}
