using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Saiyo.Zoom.Webhooks;

namespace Saiyo.Zoom.Tests.Integration;

public sealed class WebhookIntegrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<JsonObject> DeliveredAsync(ZoomIntegration z, string eventName)
    {
        for (var until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until;)
        {
            var delivery = z.Snapshot()["webhook_deliveries"]!.AsArray().Select(d => d!.AsObject())
                .FirstOrDefault(d => d["event"]!.GetValue<string>() == eventName && d["status"]!.GetValue<string>() == "delivered");
            if (delivery is not null)
            {
                return delivery;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException(eventName + " was not marked delivered");
    }

    [Fact]
    public async Task Marketplace_Remove_sends_app_deauthorized_that_the_client_verifies_and_parses()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var adminId = await z.UserIdAsync(ZoomIntegration.Admin);

        using var removed = await z.Sandbox.Http.PostAsync($"{z.Sandbox.BaseUrl}/_sandbox/accounts/{ZoomIntegration.AccountA}/deauthorize", null);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        var received = Assert.Single(await z.Sandbox.WaitForWebhooksAsync(ZoomWebhookParser.AppDeauthorized));
        var body = Encoding.UTF8.GetBytes(received.Body);
        Assert.True(z.Verifier.Verify(body, received.Timestamp, received.Signature).IsValid);
        var evt = Assert.IsType<ZoomAppDeauthorizedEvent>(z.Parser.Parse(body));
        Assert.Equal(ZoomIntegration.AccountA, evt.AccountId);
        Assert.Equal(adminId, evt.UserId);
        Assert.Equal(z.Sandbox.Options.ClientId, evt.ClientId);
        Assert.Equal(z.Clock.GetUtcNow(), evt.EventTs);

        // A tampered body is rejected.
        var forged = Encoding.UTF8.GetBytes(received.Body.Replace(ZoomIntegration.AccountA, "sbxAcctOtherCorp0002", StringComparison.Ordinal));
        Assert.Equal(ZoomWebhookFailure.SignatureMismatch, z.Verifier.Verify(forged, received.Timestamp, received.Signature).Failure);

        Assert.Equal(1, (await DeliveredAsync(z, ZoomWebhookParser.AppDeauthorized))["attempts"]!.GetValue<int>());
        Assert.Empty(z.Snapshot()["installations"]!.AsArray());
        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, (await z.Api.GetMeAsync(ZoomIntegration.Key, None)).Error?.Kind);

        // The same delivery replayed six minutes later is out of tolerance.
        z.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(ZoomWebhookFailure.TimestampOutOfTolerance, z.Verifier.Verify(body, received.Timestamp, received.Signature).Failure);
    }

    [Fact]
    public async Task A_meeting_deleted_on_the_meetings_page_sends_meeting_deleted_that_the_client_verifies_and_parses()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, new ZoomMeetingRequest
        {
            Topic = "Interview", StartUtc = new DateTimeOffset(2026, 4, 1, 1, 0, 0, TimeSpan.Zero), Duration = 30, ReconciliationTag = "sched-wh",
        }, None);
        Assert.True(created.IsSuccess, created.ToString());
        var id = created.Value.Id;

        using var deleted = await z.Sandbox.Http.PostAsync($"{z.Sandbox.BaseUrl}/_sandbox/meetings/{id}/delete", null);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        var received = Assert.Single(await z.Sandbox.WaitForWebhooksAsync(ZoomWebhookParser.MeetingDeleted));
        var body = Encoding.UTF8.GetBytes(received.Body);
        Assert.True(z.Verifier.Verify(body, received.Timestamp, received.Signature).IsValid);
        var evt = Assert.IsType<ZoomMeetingDeletedEvent>(z.Parser.Parse(body));
        Assert.Equal(id, evt.MeetingId);
        Assert.Equal(ZoomIntegration.AccountA, evt.AccountId);
        Assert.Equal(hostId, evt.HostId);
        Assert.Equal(created.Value.Uuid, evt.Uuid);
        Assert.Equal(created.Value.StartUtc, evt.StartTime);

        await DeliveredAsync(z, ZoomWebhookParser.MeetingDeleted);
        Assert.Equal(ZoomErrorKind.NotFound, (await z.Api.GetMeetingAsync(ZoomIntegration.Key, id, None)).Error?.Kind);
        Assert.True((await z.Api.DeleteMeetingAsync(ZoomIntegration.Key, id, None)).AlreadyGone);
    }
}
