using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using static Saiyo.Zoom.Tests.Client.ZoomClientHarness;

namespace Saiyo.Zoom.Tests.Client;

public sealed class ApiClientTests
{
    internal const string MeetingJson = """
        {"id":85746065123,"uuid":"aDYlohsHRtCd4ii1uC2+hA==","host_id":"host-1","topic":"Interview","type":2,
         "start_time":"2026-12-01T01:00:00Z","duration":45,"timezone":"Asia/Tokyo","agenda":"[ref:sched-42]\nFirst interview",
         "join_url":"https://zoom.example/j/85746065123","start_url":"https://zoom.example/s/85746065123?zak=SECRET","password":"abc123"}
        """;

    internal static ZoomMeetingRequest Request(string tag = "sched-42") => new()
    {
        Topic = "Interview",
        Agenda = "First interview",
        StartUtc = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9)),
        Duration = 45,
        TimeZoneId = "Asia/Tokyo",
        WaitingRoom = true,
        ReconciliationTag = tag,
    };

    [Fact]
    public async Task Calls_go_to_the_tokens_api_url_plus_v2_with_the_bearer_token()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.OK, MeetingJson);

        var result = await zoom.Api.GetMeetingAsync(ConnectionKey, 85746065123, Ct);

        var sent = Assert.Single(zoom.Handler.Requests);
        Assert.Equal("https://api-eu.zoom.example/v2/meetings/85746065123", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer", sent.Authorization?.Scheme);
        Assert.Equal("access-1", sent.Authorization?.Parameter);
        var meeting = result.Value;
        Assert.Equal(85746065123, meeting.Id);
        Assert.Equal("aDYlohsHRtCd4ii1uC2+hA==", meeting.Uuid);
        Assert.Equal("host-1", meeting.HostId);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), meeting.StartUtc);
        Assert.Equal(45, meeting.Duration);
        Assert.Equal("https://zoom.example/s/85746065123?zak=SECRET", meeting.StartUrl);
        Assert.Equal("sched-42", meeting.ReconciliationTag);
        Assert.DoesNotContain("SECRET", meeting.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", meeting.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_api_url_with_a_path_prefix_is_kept()
    {
        using var zoom = new ZoomClientHarness(tokenApiUrl: new Uri("http://sandbox.example:5000/zoom-sandbox/api/"));
        zoom.Handler.Respond(HttpStatusCode.OK, """{"id":"u1","email":"a@x.example","account_id":"acc"}""");

        await zoom.Api.GetMeAsync(ConnectionKey, Ct);

        Assert.Equal("http://sandbox.example:5000/zoom-sandbox/api/v2/users/me", Assert.Single(zoom.Handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Token_rejected_with_124_is_refreshed_once_via_the_source_and_the_call_retried_once()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.Unauthorized, """{"code":124,"message":"Invalid access token."}""")
            .Respond(HttpStatusCode.OK, MeetingJson);

        var result = await zoom.Api.GetMeetingAsync(ConnectionKey, 85746065123, Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(["access-1"], zoom.Tokens.RejectedTokens);
        Assert.Equal(["access-1", "access-2"], zoom.Handler.Requests.Select(r => r.Authorization?.Parameter));
    }

    [Fact]
    public async Task A_second_401_is_an_error_without_further_refreshes()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.Unauthorized, """{"code":124,"message":"Invalid access token."}""")
            .Respond(HttpStatusCode.Unauthorized, """{"code":124,"message":"Invalid access token."}""");

        var result = await zoom.Api.DeleteMeetingAsync(ConnectionKey, 1, Ct);

        Assert.Equal(ZoomErrorKind.Unauthorized, result.Error?.Kind);
        Assert.Equal(124, result.Error?.ZoomCode);
        Assert.Single(zoom.Tokens.RejectedTokens);
        Assert.Equal(2, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_create_rejected_with_401_is_resent_after_refresh_because_Zoom_did_not_process_it()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.Unauthorized, """{"code":124,"message":"Invalid access token."}""")
            .Respond(HttpStatusCode.Created, MeetingJson);

        var result = await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", Request(), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task Reauthorization_from_the_token_source_becomes_a_typed_error()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Tokens.ReauthorizationRequired = true;

        var result = await zoom.Api.ListUsersAsync(ConnectionKey, Ct);

        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, result.Error?.Kind);
        Assert.Empty(zoom.Handler.Requests);
    }

    [Fact]
    public async Task Reauthorization_during_the_refresh_after_rejection_becomes_a_typed_error()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Tokens.RefreshFailsWithReauthorization = true;
        zoom.Handler.Respond(HttpStatusCode.Unauthorized, """{"code":124,"message":"Invalid access token."}""");

        var result = await zoom.Api.GetMeAsync(ConnectionKey, Ct);

        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, result.Error?.Kind);
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task Delete_of_a_meeting_already_gone_is_a_success_flagged_AlreadyGone()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.NotFound, """{"code":3001,"message":"Meeting does not exist: 1."}""");

        var result = await zoom.Api.DeleteMeetingAsync(ConnectionKey, 1, Ct);

        Assert.True(result.IsSuccess);
        Assert.True(result.AlreadyGone);
        Assert.Equal(HttpMethod.Delete, Assert.Single(zoom.Handler.Requests).Method);
    }

    [Fact]
    public async Task Delete_succeeds_on_204_and_a_meeting_in_progress_is_a_bad_request_with_its_code()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.BadRequest, """{"code":3002,"message":"Sorry, you cannot delete this meeting since it is in progress."}""");

        var deleted = await zoom.Api.DeleteMeetingAsync(ConnectionKey, 1, Ct);
        var inProgress = await zoom.Api.DeleteMeetingAsync(ConnectionKey, 2, Ct);

        Assert.True(deleted.IsSuccess);
        Assert.False(deleted.AlreadyGone);
        Assert.Equal(ZoomErrorKind.BadRequest, inProgress.Error?.Kind);
        Assert.Equal(3002, inProgress.Error?.ZoomCode);
    }

    [Fact]
    public async Task Get_of_a_missing_meeting_is_NotFound()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.NotFound, """{"code":3001,"message":"Meeting 1 is not found or has expired."}""");

        var result = await zoom.Api.GetMeetingAsync(ConnectionKey, 1, Ct);

        Assert.Equal(ZoomErrorKind.NotFound, result.Error?.Kind);
        Assert.Equal(3001, result.Error?.ZoomCode);
    }

    [Fact]
    public async Task Missing_scopes_are_forbidden()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.BadRequest, """{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:list_users:admin]."}""");

        var result = await zoom.Api.ListUsersAsync(ConnectionKey, Ct);

        Assert.Equal(ZoomErrorKind.Forbidden, result.Error?.Kind);
    }

    [Fact]
    public async Task List_users_reads_every_page_with_page_size_300_and_active_status()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.OK, """{"page_size":300,"total_records":3,"next_page_token":"p2 token","users":[{"id":"u1","email":"a@x.example","type":2},{"id":"u2","email":"b@x.example","type":1}]}""")
            .Respond(HttpStatusCode.OK, """{"page_size":300,"total_records":3,"next_page_token":"","users":[{"id":"u3","email":"c@x.example","first_name":"C","last_name":"Three","display_name":"C Three","type":2,"timezone":"Asia/Tokyo","status":"active"}]}""");

        var result = await zoom.Api.ListUsersAsync(ConnectionKey, Ct);

        Assert.Equal(["u1", "u2", "u3"], result.Value.Select(u => u.Id));
        Assert.Equal("C Three", result.Value[2].DisplayName);
        var first = QueryHelpers.ParseQuery(zoom.Handler.Requests[0].Uri.Query);
        var second = QueryHelpers.ParseQuery(zoom.Handler.Requests[1].Uri.Query);
        Assert.Equal("/v2/users", zoom.Handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal("300", first["page_size"]);
        Assert.Equal("active", first["status"]);
        Assert.False(first.ContainsKey("next_page_token"));
        Assert.Equal("p2 token", second["next_page_token"]);
    }

    [Fact]
    public async Task Get_me_carries_the_account_id()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.OK, """{"id":"u1","email":"admin@x.example","account_id":"acc-9","type":2}""");

        var me = await zoom.Api.GetMeAsync(ConnectionKey, Ct);

        Assert.Equal("acc-9", me.Value.AccountId);
        Assert.Equal("/v2/users/me", Assert.Single(zoom.Handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task Get_user_escapes_the_user_id()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.OK, """{"id":"u1","email":"a+b@x.example","type":1}""");

        var user = await zoom.Api.GetUserAsync(ConnectionKey, "a+b@x.example", Ct);

        Assert.Equal("u1", user.Value.Id);
        Assert.Equal("/v2/users/a%2Bb%40x.example", Assert.Single(zoom.Handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task Create_posts_a_scheduled_meeting_with_the_utc_start_and_the_tag_in_front_of_the_agenda()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.Created, MeetingJson);

        var result = await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", Request(), Ct);

        Assert.Equal(85746065123, result.Value.Id);
        var sent = Assert.Single(zoom.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/v2/users/host-1/meetings", sent.Uri.AbsolutePath);
        Assert.Equal("application/json", sent.ContentType);
        using var body = JsonDocument.Parse(sent.Body!);
        var root = body.RootElement;
        Assert.Equal("Interview", root.GetProperty("topic").GetString());
        Assert.Equal(2, root.GetProperty("type").GetInt32());
        Assert.Equal("2026-12-01T01:00:00Z", root.GetProperty("start_time").GetString());
        Assert.Equal(45, root.GetProperty("duration").GetInt32());
        Assert.Equal("Asia/Tokyo", root.GetProperty("timezone").GetString());
        Assert.Equal("[ref:sched-42]\nFirst interview", root.GetProperty("agenda").GetString());
        Assert.True(root.GetProperty("default_password").GetBoolean());
        Assert.True(root.GetProperty("settings").GetProperty("waiting_room").GetBoolean());
        Assert.Equal(2, root.GetProperty("settings").GetProperty("approval_type").GetInt32());
    }

    [Fact]
    public async Task Create_with_registration_asks_for_automatic_approval()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.Created, MeetingJson);

        await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", Request() with { RegistrationRequired = true, Passcode = "x1y2z3" }, Ct);

        using var body = JsonDocument.Parse(zoom.Handler.Requests[0].Body!);
        Assert.Equal(0, body.RootElement.GetProperty("settings").GetProperty("approval_type").GetInt32());
        Assert.Equal("x1y2z3", body.RootElement.GetProperty("password").GetString());
        Assert.False(body.RootElement.TryGetProperty("default_password", out _));
    }

    [Fact]
    public async Task Update_patches_the_meeting_and_keeps_the_tag()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.NoContent);

        var result = await zoom.Api.UpdateMeetingAsync(ConnectionKey, 85746065123, Request() with { Duration = 60 }, Ct);

        Assert.True(result.IsSuccess);
        var sent = Assert.Single(zoom.Handler.Requests);
        Assert.Equal(HttpMethod.Patch, sent.Method);
        Assert.Equal("/v2/meetings/85746065123", sent.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal(60, body.RootElement.GetProperty("duration").GetInt32());
        Assert.StartsWith("[ref:sched-42]", body.RootElement.GetProperty("agenda").GetString(), StringComparison.Ordinal);
        Assert.False(body.RootElement.TryGetProperty("default_password", out _));
    }

    [Fact]
    public async Task Find_by_tag_walks_the_hosts_scheduled_meetings_page_by_page()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.OK, """{"next_page_token":"next","meetings":[{"id":1,"agenda":"[ref:sched-4]\nx"},{"id":2,"agenda":"no tag"},{"id":3,"agenda":"[ref:sched-420]"}]}""")
            .Respond(HttpStatusCode.OK, """{"next_page_token":"","meetings":[{"id":"85746065123","uuid":"u==","agenda":"[ref:sched-42]\nFirst interview","start_time":"2026-12-01T01:00:00Z"}]}""");

        var found = await zoom.Api.FindMeetingByTagAsync(ConnectionKey, "host-1", "sched-42", Ct);

        Assert.Equal(85746065123, found.Value?.Id);
        Assert.Equal(2, zoom.Handler.Requests.Count);
        var first = QueryHelpers.ParseQuery(zoom.Handler.Requests[0].Uri.Query);
        Assert.Equal("/v2/users/host-1/meetings", zoom.Handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal("scheduled", first["type"]);
        Assert.Equal("300", first["page_size"]);
        Assert.Equal("next", QueryHelpers.ParseQuery(zoom.Handler.Requests[1].Uri.Query)["next_page_token"]);
    }

    [Fact]
    public async Task Find_by_tag_returns_null_when_no_meeting_carries_it()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.OK, """{"meetings":[{"id":1,"agenda":"[ref:other]"}]}""");

        var found = await zoom.Api.FindMeetingByTagAsync(ConnectionKey, "host-1", "sched-42", Ct);

        Assert.True(found.IsSuccess);
        Assert.Null(found.Value);
    }

    [Fact]
    public async Task Add_registrant_posts_email_and_names_and_returns_the_personal_join_url()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.Created, """{"id":85746065123,"registrant_id":"reg-1","join_url":"https://zoom.example/w/85746065123?tk=abc","topic":"Interview","start_time":"2026-12-01T01:00:00Z"}""");

        var result = await zoom.Api.AddRegistrantAsync(ConnectionKey, 85746065123, "taro@applicant.example", "太郎", "山田", Ct);

        Assert.Equal("reg-1", result.Value.RegistrantId);
        Assert.Equal("https://zoom.example/w/85746065123?tk=abc", result.Value.JoinUrl);
        var sent = Assert.Single(zoom.Handler.Requests);
        Assert.Equal("/v2/meetings/85746065123/registrants", sent.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal("taro@applicant.example", body.RootElement.GetProperty("email").GetString());
        Assert.Equal("太郎", body.RootElement.GetProperty("first_name").GetString());
        Assert.Equal("山田", body.RootElement.GetProperty("last_name").GetString());
    }

    [Fact]
    public async Task Find_registrant_by_email_lists_the_approved_registrants_over_all_pages()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.OK, """{"next_page_token":"n","registrants":[{"id":"r-1","email":"other@applicant.example","first_name":"O","status":"approved","join_url":"https://zoom.example/w/1?tk=o"}]}""")
            .Respond(HttpStatusCode.OK, """{"next_page_token":"","registrants":[{"id":"r-2","email":"Taro@Applicant.example","first_name":"太郎","status":"approved","join_url":"https://zoom.example/w/1?tk=t"}]}""");

        var found = await zoom.Api.FindRegistrantByEmailAsync(ConnectionKey, 85746065123, "taro@applicant.example", Ct);

        Assert.Equal("r-2", found.Value!.RegistrantId);
        Assert.Equal("https://zoom.example/w/1?tk=t", found.Value.JoinUrl);
        Assert.Equal(85746065123, found.Value.MeetingId);
        Assert.Equal(2, zoom.Handler.Requests.Count);
        var first = QueryHelpers.ParseQuery(zoom.Handler.Requests[0].Uri.Query);
        Assert.Equal("/v2/meetings/85746065123/registrants", zoom.Handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal("approved", first["status"]);
        Assert.Equal("300", first["page_size"]);
        Assert.Equal("n", QueryHelpers.ParseQuery(zoom.Handler.Requests[1].Uri.Query)["next_page_token"]);
        Assert.DoesNotContain("tk=", found.Value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_registrant_by_email_returns_null_when_nobody_registered_with_it()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.OK, """{"registrants":[]}""");

        var found = await zoom.Api.FindRegistrantByEmailAsync(ConnectionKey, 1, "taro@applicant.example", Ct);

        Assert.True(found.IsSuccess);
        Assert.Null(found.Value);
    }

    [Fact]
    public async Task Cancel_registrant_puts_the_cancel_action_for_that_registrant()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.NoContent);

        var result = await zoom.Api.CancelRegistrantAsync(ConnectionKey, 85746065123, "reg-1", "taro@applicant.example", Ct);

        Assert.True(result.IsSuccess);
        Assert.False(result.AlreadyGone);
        var sent = Assert.Single(zoom.Handler.Requests);
        Assert.Equal(HttpMethod.Put, sent.Method);
        Assert.Equal("/v2/meetings/85746065123/registrants/status", sent.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal("cancel", body.RootElement.GetProperty("action").GetString());
        var only = Assert.Single(body.RootElement.GetProperty("registrants").EnumerateArray());
        Assert.Equal("reg-1", only.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Cancelling_on_a_meeting_that_is_gone_is_done()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.NotFound, """{"code":3001,"message":"Meeting does not exist: 1."}""");

        var result = await zoom.Api.CancelRegistrantAsync(ConnectionKey, 1, "reg-1", null, Ct);

        Assert.True(result.IsSuccess);
        Assert.True(result.AlreadyGone);
    }

    [Fact]
    public async Task Cancel_registrant_is_retried_after_a_server_fault_since_it_is_idempotent()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.BadGateway).Respond(HttpStatusCode.NoContent);

        var result = await zoom.Api.CancelRegistrantAsync(ConnectionKey, 1, "reg-1", null, Ct);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task Registration_not_enabled_on_the_meeting_is_a_bad_request_with_Zooms_code()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.BadRequest, """{"code":3000,"message":"Registration has not been enabled for this meeting: 1."}""");

        var result = await zoom.Api.FindRegistrantByEmailAsync(ConnectionKey, 1, "a@x.example", Ct);

        Assert.Equal(ZoomErrorKind.BadRequest, result.Error?.Kind);
        Assert.Equal(3000, result.Error?.ZoomCode);
    }

    [Theory]
    [InlineData("aDYlohsHRtCd4ii1uC2+hA==", "/v2/past_meetings/aDYlohsHRtCd4ii1uC2%2BhA%3D%3D/participants")]
    [InlineData("/ajXp112QmuoKj4854875==", "/v2/past_meetings/%252FajXp112QmuoKj4854875%253D%253D/participants")]
    [InlineData("ab//cd==", "/v2/past_meetings/ab%252F%252Fcd%253D%253D/participants")]
    public async Task Past_participants_encode_the_uuid_once_or_twice_as_Zoom_requires(string uuid, string expectedPath)
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.OK, """{"participants":[]}""");

        await zoom.Api.ListPastParticipantsAsync(ConnectionKey, uuid, Ct);

        var sent = Assert.Single(zoom.Handler.Requests).Uri;
        Assert.Equal(expectedPath, sent.AbsolutePath);
        Assert.Contains("include_fields=registrant_id", sent.Query, StringComparison.Ordinal); // else Zoom leaves registrant_id out
    }

    [Fact]
    public async Task Past_participants_are_read_over_all_pages()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.OK, """{"next_page_token":"n","participants":[{"id":"","user_id":"16778240","name":"Taro","user_email":"taro@applicant.example","registrant_id":"reg-1","join_time":"2026-12-01T01:01:00Z","leave_time":"2026-12-01T01:40:00Z","duration":2340}]}""")
            .Respond(HttpStatusCode.OK, """{"next_page_token":"","participants":[{"name":"Host","join_time":"2026-12-01T00:58:00Z","duration":2500}]}""");

        var result = await zoom.Api.ListPastParticipantsAsync(ConnectionKey, "u==", Ct);

        Assert.Equal(2, result.Value.Count);
        var taro = result.Value[0];
        Assert.Equal("reg-1", taro.RegistrantId);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 1, 1, 0, TimeSpan.Zero), taro.JoinTime);
        Assert.Equal(2340, taro.Duration);
        Assert.Equal("300", QueryHelpers.ParseQuery(zoom.Handler.Requests[0].Uri.Query)["page_size"]);
    }

    [Fact]
    public async Task An_unreadable_success_body_of_a_create_is_an_unknown_outcome()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.Created, "<html>oops</html>");

        var result = await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", Request(), Ct);

        Assert.Equal(ZoomErrorKind.OutcomeUnknown, result.Error?.Kind);
    }

    [Fact]
    public async Task Invalid_requests_are_refused_before_anything_is_sent()
    {
        using var zoom = new ZoomClientHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", Request(tag: "bad tag]"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", Request() with { Passcode = "12345678901" }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", Request() with { Duration = 0 }, Ct));
        Assert.Empty(zoom.Handler.Requests);
    }
}
