using System.Net;
using System.Text.Json;

namespace Saiyo.Zoom.Tests.Sandbox;

/// <summary>Every sandbox response body validates against Zoom's OpenAPI spec (../shared/zoom/); skipped where the spec is absent.</summary>
public sealed class ConformanceTests
{
    private static async Task AssertConformsAsync(OpenApiSpec spec, HttpResponseMessage response, string path, string method)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status < 400)
        {
            spec.AssertResponse(path, method, status, body);
            return;
        }

        // The 2023-10 spec documents error codes in prose only; where it gives a schema, use it, else Zoom's {code, message}.
        if (spec.ResponseSchema(path, method, status) is { } schema)
        {
            using var doc = JsonDocument.Parse(body);
            Assert.Empty(spec.Validate(schema, doc.RootElement, strict: false));
        }

        using var error = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Number, error.RootElement.GetProperty("code").ValueKind);
        Assert.Equal(JsonValueKind.String, error.RootElement.GetProperty("message").ValueKind);
    }

    [Fact]
    public async Task Users_responses_match_the_spec()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        using (var list = await sb.ApiAsync(HttpMethod.Get, "/users?page_size=2", tokens.Access))
        {
            await AssertConformsAsync(spec, list, "/users", "get");
        }

        using (var me = await sb.ApiAsync(HttpMethod.Get, "/users/me", tokens.Access))
        {
            await AssertConformsAsync(spec, me, "/users/{userId}", "get");
        }

        using (var byEmail = await sb.ApiAsync(HttpMethod.Get, "/users/basic@sandbox.zoom.test", tokens.Access))
        {
            await AssertConformsAsync(spec, byEmail, "/users/{userId}", "get");
        }

        using var missing = await sb.ApiAsync(HttpMethod.Get, "/users/nobody", tokens.Access);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await AssertConformsAsync(spec, missing, "/users/{userId}", "get");
    }

    [Fact]
    public async Task Meeting_responses_match_the_spec()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var request = new
        {
            topic = "面接", type = 2, start_time = "2026-04-01T10:00:00", timezone = "Asia/Tokyo", duration = 30, agenda = "saiyo:1",
            settings = new { approval_type = 0, join_before_host = false, waiting_room = true },
        };
        // Zoom's own local-time form (no offset, with timezone): valid, but not the RFC 3339 that strict mode wants of the client.
        var requestSchema = spec.RequestSchema("/users/{userId}/meetings", "post");
        Assert.NotNull(requestSchema);
        Assert.Empty(spec.Validate(requestSchema, JsonSerializer.SerializeToElement(request), strict: false));

        long id;
        using (var created = await sb.ApiAsync(HttpMethod.Post, "/users/me/meetings", tokens.Access, request))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var text = await created.Content.ReadAsStringAsync();
            id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
            spec.AssertResponse("/users/{userId}/meetings", "post", 201, text);
        }

        using (var get = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{id}", tokens.Access))
        {
            await AssertConformsAsync(spec, get, "/meetings/{meetingId}", "get");
        }

        using (var list = await sb.ApiAsync(HttpMethod.Get, "/users/me/meetings", tokens.Access))
        {
            await AssertConformsAsync(spec, list, "/users/{userId}/meetings", "get");
        }

        using (var registrant = await sb.ApiAsync(HttpMethod.Post, $"/meetings/{id}/registrants", tokens.Access, new { email = "a@example.com", first_name = "A" }))
        {
            Assert.Equal(HttpStatusCode.Created, registrant.StatusCode);
            await AssertConformsAsync(spec, registrant, "/meetings/{meetingId}/registrants", "post");
        }

        using (var registrants = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{id}/registrants?status=approved&page_size=30", tokens.Access))
        {
            Assert.Equal(HttpStatusCode.OK, registrants.StatusCode);
            await AssertConformsAsync(spec, registrants, "/meetings/{meetingId}/registrants", "get");
        }

        var status = new { action = "cancel", registrants = new[] { new { email = "a@example.com" } } };
        Assert.Empty(spec.Validate(spec.RequestSchema("/meetings/{meetingId}/registrants/status", "put"), JsonSerializer.SerializeToElement(status), strict: true));
        using (var cancelled = await sb.ApiAsync(HttpMethod.Put, $"/meetings/{id}/registrants/status", tokens.Access, status))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        }

        using (var denied = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{id}/registrants?status=denied", tokens.Access))
        {
            await AssertConformsAsync(spec, denied, "/meetings/{meetingId}/registrants", "get");
        }

        using (var badAction = await sb.ApiAsync(HttpMethod.Put, $"/meetings/{id}/registrants/status", tokens.Access, new { action = "drop" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
            await AssertConformsAsync(spec, badAction, "/meetings/{meetingId}/registrants/status", "put");
        }

        using (var invalid = await sb.ApiAsync(HttpMethod.Post, "/users/me/meetings", tokens.Access, new { start_time = "soon" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            await AssertConformsAsync(spec, invalid, "/users/{userId}/meetings", "post");
        }

        using (var deleted = await sb.ApiAsync(HttpMethod.Delete, $"/meetings/{id}", tokens.Access))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{id}", tokens.Access);
        await AssertConformsAsync(spec, gone, "/meetings/{meetingId}", "get");
    }

    [Fact]
    public async Task Past_participants_match_the_spec()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var meeting = await sb.CreateMeetingAsync(tokens.Access);
        using var browser = SandboxHost.Browser();
        var join = await browser.GetStringAsync(meeting["join_url"]!.GetValue<string>());
        var inMeeting = await sb.FollowAsync(browser, await SandboxHost.SubmitAsync(browser, join, ">Join<", ("name", "Hanako"), ("email", "hanako@example.com")));
        sb.Clock.Advance(TimeSpan.FromMinutes(5));
        await sb.FollowAsync(browser, await SandboxHost.SubmitAsync(browser, inMeeting, ">Leave<", ("action", "leave")));

        using var response = await sb.ApiAsync(HttpMethod.Get, $"/past_meetings/{meeting["id"]}/participants", tokens.Access);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertConformsAsync(spec, response, "/past_meetings/{meetingId}/participants", "get");

        using var unknown = await sb.ApiAsync(HttpMethod.Get, "/past_meetings/12345678901/participants", tokens.Access);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await AssertConformsAsync(spec, unknown, "/past_meetings/{meetingId}/participants", "get");
    }

    [Fact]
    public void The_validator_catches_wrong_types_missing_required_and_bad_enums()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        var schema = spec.ResponseSchema("/users", "get", 200);
        Assert.NotNull(schema);
        var bad = JsonDocument.Parse("""{"total_records":"6","users":[{"id":"x","type":7}]}""").RootElement;
        var errors = spec.Validate(schema, bad, strict: false);
        Assert.Contains(errors, e => e.Contains("$.total_records", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'email' is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.users[0].type", StringComparison.Ordinal));
    }
}
