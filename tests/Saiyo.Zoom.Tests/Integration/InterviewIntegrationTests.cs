using System.Net;
using System.Net.Http.Json;
using System.Text;
using Saiyo.Zoom.Tests.Sandbox;
using Saiyo.Zoom.Webhooks;

namespace Saiyo.Zoom.Tests.Integration;

public sealed class InterviewIntegrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_interview_with_a_registered_applicant_ends_with_meeting_ended_and_past_participants_by_an_awkward_UUID()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, new ZoomMeetingRequest
        {
            Topic = "一次面接 (Interview)", StartUtc = z.Clock.GetUtcNow().AddMinutes(5), Duration = 30, TimeZoneId = "Asia/Tokyo",
            RegistrationRequired = true, ReconciliationTag = "sched-e2e",
        }, None);
        Assert.True(created.IsSuccess, created.ToString());
        var id = created.Value.Id;

        // A UUID that must be double-encoded in the past_meetings path.
        var uuid = "/e2e//" + Guid.NewGuid().ToString("N")[..12] + "==";
        using (var set = await z.Sandbox.Http.PutAsJsonAsync($"{z.Sandbox.BaseUrl}/_sandbox/meetings/{id}/uuid", new { uuid }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var registrant = await z.Api.AddRegistrantAsync(ZoomIntegration.Key, id, "taro@example.com", "太郎", "山田", None);
        Assert.True(registrant.IsSuccess, registrant.ToString());
        Assert.Contains("tk=", registrant.Value.JoinUrl, StringComparison.Ordinal);
        var again = await z.Api.AddRegistrantAsync(ZoomIntegration.Key, id, "taro@example.com", "太郎", "山田", None);
        Assert.True(again.IsSuccess, again.ToString());
        Assert.Single(z.Snapshot()["registrants"]!.AsArray());

        // The host starts with a fresh start_url, the applicant joins with the personal link, leaves, the host ends.
        var fresh = await z.Api.GetMeetingAsync(ZoomIntegration.Key, id, None);
        using var host = SandboxHost.Browser();
        var start = await host.GetStringAsync(fresh.Value.StartUrl);
        var hostIn = await z.Sandbox.FollowAsync(host, await SandboxHost.SubmitAsync(host, start, ">Start<", ("name", "Hana Host1")));
        z.Clock.Advance(TimeSpan.FromMinutes(1));
        using var applicant = SandboxHost.Browser();
        var join = await applicant.GetStringAsync(registrant.Value.JoinUrl);
        var inMeeting = await z.Sandbox.FollowAsync(applicant, await SandboxHost.SubmitAsync(applicant, join, ">Join<", ("name", "山田 太郎"), ("email", "taro@example.com")));
        z.Clock.Advance(TimeSpan.FromMinutes(20));
        var inProgress = await z.Api.DeleteMeetingAsync(ZoomIntegration.Key, id, None);
        Assert.Equal(ZoomErrorKind.BadRequest, inProgress.Error?.Kind);
        Assert.Equal(3002, inProgress.Error?.ZoomCode);
        await z.Sandbox.FollowAsync(applicant, await SandboxHost.SubmitAsync(applicant, inMeeting, ">Leave<", ("action", "leave")));
        await z.Sandbox.FollowAsync(host, await SandboxHost.SubmitAsync(host, hostIn, ">End meeting<", ("action", "end")));

        var ended = Assert.Single(await z.Sandbox.WaitForWebhooksAsync(ZoomWebhookParser.MeetingEnded));
        var body = Encoding.UTF8.GetBytes(ended.Body);
        Assert.True(z.Verifier.Verify(body, ended.Timestamp, ended.Signature).IsValid);
        var evt = Assert.IsType<ZoomMeetingEndedEvent>(z.Parser.Parse(body));
        Assert.Equal(id, evt.MeetingId);
        Assert.Equal(uuid, evt.Uuid);

        var participants = await z.Api.ListPastParticipantsAsync(ZoomIntegration.Key, evt.Uuid!, None);
        Assert.True(participants.IsSuccess, participants.ToString());
        Assert.Equal(2, participants.Value.Count);
        var taro = Assert.Single(participants.Value, p => !string.IsNullOrEmpty(p.RegistrantId));
        Assert.Equal(registrant.Value.RegistrantId, taro.RegistrantId);
        Assert.Equal("山田 太郎", taro.Name);
        Assert.Equal(20 * 60, taro.Duration);

        var byNumber = await z.Api.ListPastParticipantsAsync(ZoomIntegration.Key, id.ToString(System.Globalization.CultureInfo.InvariantCulture), None);
        Assert.True(byNumber.IsSuccess, byNumber.ToString());
        Assert.Equal(participants.Value.Select(p => p.UserId).Order(), byNumber.Value.Select(p => p.UserId).Order());
    }

    [Fact]
    public async Task A_delete_whose_response_is_lost_is_retried_and_reported_as_already_gone()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, new ZoomMeetingRequest
        {
            Topic = "Interview", StartUtc = new DateTimeOffset(2026, 4, 1, 1, 0, 0, TimeSpan.Zero), Duration = 30,
        }, None);
        Assert.True(created.IsSuccess, created.ToString());
        await z.Sandbox.SetFaultAsync("meetings.delete", new { drop_after_commit_rate = 1.0, count = 1 });

        var deleted = await z.Api.DeleteMeetingAsync(ZoomIntegration.Key, created.Value.Id, None);
        Assert.True(deleted.IsSuccess, deleted.ToString());
        Assert.True(deleted.AlreadyGone);
        var deletes = z.WireFor($"/v2/meetings/{created.Value.Id}").Where(w => w.Method == "DELETE").ToList();
        Assert.Equal(2, deletes.Count);
        Assert.Null(deletes[0].Status);
        Assert.Equal(404, deletes[1].Status);
        Assert.True(z.Meeting(created.Value.Id)["deleted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_update_whose_response_is_lost_is_retried_and_succeeds()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        var request = new ZoomMeetingRequest { Topic = "Interview", StartUtc = new DateTimeOffset(2026, 4, 1, 1, 0, 0, TimeSpan.Zero), Duration = 30 };
        var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, request, None);
        Assert.True(created.IsSuccess, created.ToString());
        await z.Sandbox.SetFaultAsync("meetings.update", new { drop_after_commit_rate = 1.0, count = 1 });

        var updated = await z.Api.UpdateMeetingAsync(ZoomIntegration.Key, created.Value.Id, request with { Duration = 50 }, None);
        Assert.True(updated.IsSuccess, updated.ToString());
        Assert.Equal(2, z.WireFor($"/v2/meetings/{created.Value.Id}").Count(w => w.Method == "PATCH"));
        Assert.Equal(50, z.Meeting(created.Value.Id)["duration"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_code_exchange_whose_response_is_lost_is_OutcomeUnknown_and_not_resent()
    {
        await using var z = await ZoomIntegration.StartAsync();
        var request = z.OAuth.CreateAuthorizationRequest("st-lost");
        using var browser = SandboxHost.Browser();
        var consent = await z.Sandbox.SignInAsync(browser, request.Url.AbsoluteUri, ZoomIntegration.Admin);
        using var allowed = await SandboxHost.SubmitAsync(browser, consent, ">Allow<", ("decision", "allow"));
        var code = SandboxHost.Query(allowed.Headers.Location!, "code");
        await z.Sandbox.SetFaultAsync("oauth.token", new { drop_after_commit_rate = 1.0, count = 1 });

        var exchange = await z.OAuth.ExchangeCodeAsync(code, request.CodeVerifier, None);
        Assert.Equal(ZoomErrorKind.OutcomeUnknown, exchange.Error?.Kind);
        Assert.Single(z.WireFor("/oauth/token"));

        // The code was used: exchanging it again is invalid_grant (the admin links again).
        var retry = await z.OAuth.ExchangeCodeAsync(code, request.CodeVerifier, None);
        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, retry.Error?.Kind);
    }

    [Fact]
    public async Task Past_participants_are_found_by_any_UUID_shape()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host2@sandbox.zoom.test");
        foreach (var shape in new[] { "/lead", "mid//dle", "a+b/c", "plain" })
        {
            var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, new ZoomMeetingRequest
            {
                Topic = "Interview " + shape, StartUtc = z.Clock.GetUtcNow(), Duration = 30,
            }, None);
            Assert.True(created.IsSuccess, created.ToString());
            var uuid = shape + Guid.NewGuid().ToString("N")[..8] + "==";
            using (var set = await z.Sandbox.Http.PutAsJsonAsync($"{z.Sandbox.BaseUrl}/_sandbox/meetings/{created.Value.Id}/uuid", new { uuid }))
            {
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            }

            using var host = SandboxHost.Browser();
            var start = await host.GetStringAsync((await z.Api.GetMeetingAsync(ZoomIntegration.Key, created.Value.Id, None)).Value.StartUrl);
            var hostIn = await z.Sandbox.FollowAsync(host, await SandboxHost.SubmitAsync(host, start, ">Start<", ("name", "Haruto " + shape)));
            z.Clock.Advance(TimeSpan.FromMinutes(3));
            await z.Sandbox.FollowAsync(host, await SandboxHost.SubmitAsync(host, hostIn, ">End meeting<", ("action", "end")));

            var participants = await z.Api.ListPastParticipantsAsync(ZoomIntegration.Key, uuid, None);
            Assert.True(participants.IsSuccess, $"{uuid}: {participants}");
            Assert.Equal("Haruto " + shape, Assert.Single(participants.Value).Name);
        }
    }
}
