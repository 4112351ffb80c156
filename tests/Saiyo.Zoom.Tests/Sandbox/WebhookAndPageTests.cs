using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Saiyo.Zoom.Tests.Sandbox;

public sealed class WebhookAndPageTests
{
    private static void AssertSigned(WebhookReceiver.Received r, string secret)
    {
        var expected = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{r.Timestamp}:{r.Body}")));
        Assert.Equal(expected, r.Signature);
    }

    [Fact]
    public async Task Marketplace_Remove_uninstalls_and_sends_a_signed_app_deauthorized_retried_on_failure()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        sb.Webhooks.Script.Enqueue(500); // the first delivery fails

        using var browser = SandboxHost.Browser();
        var market = await sb.SignInAsync(browser, sb.BaseUrl + "/marketplace", "admin@sandbox.zoom.test");
        Assert.Contains("Zoom sandbox — not Zoom", market, StringComparison.Ordinal);
        Assert.Contains(">Manage<", market, StringComparison.Ordinal);
        var added = await browser.GetStringAsync(sb.BaseUrl + "/marketplace/manage/added-apps");
        using var confirm = await SandboxHost.SubmitAsync(browser, added, ">Remove<");
        var confirmPage = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("revokes its access", confirmPage, StringComparison.Ordinal);
        using var removed = await SandboxHost.SubmitAsync(browser, confirmPage, ">Remove<");
        Assert.Contains("was removed", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using (var api = await sb.ApiAsync(HttpMethod.Get, "/users/me", tokens.Access))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        }

        var first = (await sb.WaitForWebhooksAsync("app_deauthorized")).Single();
        Assert.Equal(500, first.Answered);
        AssertSigned(first, sb.Options.WebhookSecretToken);
        var payload = JsonNode.Parse(first.Body)!["payload"]!;
        Assert.Equal("sbxAcctSandboxCorp01", payload["account_id"]!.GetValue<string>());
        Assert.Equal(sb.Options.ClientId, payload["client_id"]!.GetValue<string>());
        Assert.Equal(await sb.UserIdAsync("admin@sandbox.zoom.test"), payload["user_id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(payload["signature"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(payload["deauthorization_time"]!.GetValue<string>()));
        Assert.NotNull(JsonNode.Parse(first.Body)!["event_ts"]);

        sb.Clock.Advance(TimeSpan.FromMinutes(1)); // first retry delay in the test host
        var both = await sb.WaitForWebhooksAsync("app_deauthorized", 2);
        Assert.Equal(first.Body, both[1].Body);
        Assert.Equal(200, both[1].Answered);
        var delivery = (await sb.StateAsync())["webhook_deliveries"]!.AsArray().Single()!;
        for (var until = DateTime.UtcNow.AddSeconds(60); delivery["status"]!.GetValue<string>() != "delivered" && DateTime.UtcNow < until;)
        {
            await Task.Delay(50);
            delivery = (await sb.StateAsync())["webhook_deliveries"]!.AsArray().Single()!;
        }

        Assert.Equal("delivered", delivery["status"]!.GetValue<string>());
        Assert.Equal(2, delivery["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_retried_per_the_delays_then_marked_failed()
    {
        await using var sb = await SandboxHost.StartAsync();
        await sb.LinkAsync();
        foreach (var status in new[] { 500, 404, 503 })
        {
            sb.Webhooks.Script.Enqueue(status);
        }

        using (var removed = await sb.Http.PostAsync(sb.BaseUrl + "/_sandbox/accounts/sbxAcctSandboxCorp01/deauthorize", null))
        {
            Assert.True((await SandboxHost.Json(removed))["removed"]!.GetValue<bool>());
        }

        await sb.WaitForWebhooksAsync("app_deauthorized", 1);
        await WaitForAttemptsAsync(sb, 1); // the retry is scheduled only once the failed answer is recorded
        sb.Clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(300);
        Assert.Single(sb.Webhooks.Requests); // not before the first delay (1 min in the test host)
        sb.Clock.Advance(TimeSpan.FromSeconds(1));
        await sb.WaitForWebhooksAsync("app_deauthorized", 2);
        await WaitForAttemptsAsync(sb, 2);
        sb.Clock.Advance(TimeSpan.FromMinutes(2));
        await sb.WaitForWebhooksAsync("app_deauthorized", 3);

        var delivery = (await sb.StateAsync())["webhook_deliveries"]!.AsArray().Single()!;
        for (var until = DateTime.UtcNow.AddSeconds(60); delivery["status"]!.GetValue<string>() != "failed" && DateTime.UtcNow < until;)
        {
            await Task.Delay(50);
            delivery = (await sb.StateAsync())["webhook_deliveries"]!.AsArray().Single()!;
        }

        Assert.Equal("failed", delivery["status"]!.GetValue<string>());
        Assert.Equal(3, delivery["attempts"]!.GetValue<int>());
        Assert.Equal([500, 404, 503], delivery["history"]!.AsArray().Select(h => h!["status_code"]!.GetValue<int>()));
    }

    private static async Task WaitForAttemptsAsync(SandboxHost sb, int attempts)
    {
        for (var until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until;)
        {
            var delivery = (await sb.StateAsync())["webhook_deliveries"]!.AsArray().Single()!;
            if (delivery["attempts"]!.GetValue<int>() >= attempts) return;
            await Task.Delay(25);
        }
        throw new TimeoutException($"delivery attempt {attempts} was not recorded");
    }

    [Fact]
    public async Task In_process_tests_can_ask_the_ZoomSandboxState_service()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        await sb.CreateMeetingAsync(tokens.Access);
        var state = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Saiyo.Zoom.Sandbox.ZoomSandboxState>(sb.Services);
        Assert.Single(state.Snapshot()["meetings"]!.AsArray());
        state.SetFault("meetings.get", new Saiyo.Zoom.Sandbox.SandboxFault { ErrorRate = 1 });
        using var failed = await sb.ApiAsync(HttpMethod.Get, "/users/me/meetings", tokens.Access);
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode); // list is another operation
        state.Reset();
        Assert.Empty(state.Snapshot()["meetings"]!.AsArray());
    }

    [Fact]
    public async Task A_member_sees_no_Remove_button()
    {
        await using var sb = await SandboxHost.StartAsync();
        await sb.LinkAsync();
        using var browser = SandboxHost.Browser();
        await sb.SignInAsync(browser, sb.BaseUrl + "/marketplace", "host1@sandbox.zoom.test");
        var added = await browser.GetStringAsync(sb.BaseUrl + "/marketplace/manage/added-apps");
        Assert.DoesNotContain(">Remove<", added, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_validation_checks_the_encrypted_token()
    {
        await using var sb = await SandboxHost.StartAsync();
        using (var ok = await sb.Http.PostAsync(sb.BaseUrl + "/_sandbox/webhooks/validate", null))
        {
            Assert.True((await SandboxHost.Json(ok))["ok"]!.GetValue<bool>());
        }

        var received = (await sb.WaitForWebhooksAsync("endpoint.url_validation")).Single();
        AssertSigned(received, sb.Options.WebhookSecretToken);

        sb.Webhooks.SecretToken = "a different secret";
        using var bad = await sb.Http.PostAsync(sb.BaseUrl + "/_sandbox/webhooks/validate", null);
        Assert.False((await SandboxHost.Json(bad))["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Deleting_on_the_meetings_page_sends_meeting_deleted()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var meeting = await sb.CreateMeetingAsync(tokens.Access, "host1@sandbox.zoom.test");
        using var browser = SandboxHost.Browser();
        var page = await sb.SignInAsync(browser, sb.BaseUrl + "/meetings", "host1@sandbox.zoom.test");
        using var deleted = await SandboxHost.SubmitAsync(browser, page, ">Delete<");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        var received = (await sb.WaitForWebhooksAsync("meeting.deleted")).Single();
        AssertSigned(received, sb.Options.WebhookSecretToken);
        var obj = JsonNode.Parse(received.Body)!["payload"]!["object"]!;
        Assert.Equal(meeting["id"]!.GetValue<long>(), obj["id"]!.GetValue<long>());
        Assert.Equal(meeting["uuid"]!.GetValue<string>(), obj["uuid"]!.GetValue<string>());

        using var gone = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{meeting["id"]}", tokens.Access);
        Assert.Equal(3001, (await SandboxHost.Json(gone))["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Participants_who_join_and_leave_on_the_join_page_become_past_participants()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var meeting = await sb.CreateMeetingAsync(tokens.Access, "me", new { topic = "面接", type = 2, start_time = "2026-03-02T09:00:00Z", settings = new { approval_type = 0 } });
        using var reg = await sb.ApiAsync(HttpMethod.Post, $"/meetings/{meeting["id"]}/registrants", tokens.Access, new { email = "taro@example.com", first_name = "Taro" });
        var registrant = await SandboxHost.Json(reg);

        // The host starts via start_url, the applicant joins via the personal link.
        using var host = SandboxHost.Browser();
        var start = await host.GetStringAsync(meeting["start_url"]!.GetValue<string>());
        var hostIn = await sb.FollowAsync(host, await SandboxHost.SubmitAsync(host, start, ">Start<", ("name", "Adam Admin"), ("email", "admin@sandbox.zoom.test")));
        Assert.Contains("End meeting", hostIn, StringComparison.Ordinal);

        sb.Clock.Advance(TimeSpan.FromMinutes(1));
        using var applicant = SandboxHost.Browser();
        var join = await applicant.GetStringAsync(registrant["join_url"]!.GetValue<string>());
        var inMeeting = await sb.FollowAsync(applicant, await SandboxHost.SubmitAsync(applicant, join, ">Join<", ("name", "Taro"), ("email", "taro@example.com")));
        Assert.Contains(">Leave<", inMeeting, StringComparison.Ordinal);

        sb.Clock.Advance(TimeSpan.FromMinutes(20));
        await sb.FollowAsync(applicant, await SandboxHost.SubmitAsync(applicant, inMeeting, ">Leave<", ("action", "leave")));
        sb.Clock.Advance(TimeSpan.FromMinutes(1));
        await sb.FollowAsync(host, await SandboxHost.SubmitAsync(host, hostIn, ">End meeting<", ("action", "end")));

        var ended = (await sb.WaitForWebhooksAsync("meeting.ended")).Single();
        var uuid = JsonNode.Parse(ended.Body)!["payload"]!["object"]!["uuid"]!.GetValue<string>();
        Assert.Equal(meeting["uuid"]!.GetValue<string>(), uuid);

        var encoded = Uri.EscapeDataString(Uri.EscapeDataString(uuid)); // double-encoded always works
        using var response = await sb.ApiAsync(HttpMethod.Get, $"/past_meetings/{encoded}/participants?include_fields=registrant_id", tokens.Access);
        var json = await SandboxHost.Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var participants = json["participants"]!.AsArray();
        Assert.Equal(2, participants.Count);
        var taro = participants.Single(p => p!["user_email"]!.GetValue<string>() == "taro@example.com")!;
        Assert.Equal(registrant["registrant_id"]!.GetValue<string>(), taro["registrant_id"]!.GetValue<string>());
        Assert.Equal("2026-03-02T09:01:00Z", taro["join_time"]!.GetValue<string>());
        Assert.Equal("2026-03-02T09:21:00Z", taro["leave_time"]!.GetValue<string>());
        Assert.Equal(1200, taro["duration"]!.GetValue<int>());

        // As at Zoom, registrant_id comes only when asked for with include_fields.
        using var byId = await sb.ApiAsync(HttpMethod.Get, $"/past_meetings/{meeting["id"]}/participants", tokens.Access);
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.All((await SandboxHost.Json(byId))["participants"]!.AsArray(), p => Assert.Null(p!["registrant_id"]));
    }

    [Fact]
    public async Task A_participant_who_rejoins_is_listed_once_per_join_and_one_without_email_has_an_empty_user_email()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var meeting = await sb.CreateMeetingAsync(tokens.Access, "me", new { topic = "面接", type = 2, start_time = "2026-03-02T09:00:00Z", settings = new { approval_type = 0 } });
        using var reg = await sb.ApiAsync(HttpMethod.Post, $"/meetings/{meeting["id"]}/registrants", tokens.Access, new { email = "hanako@example.com", first_name = "Hanako" });
        var registrant = await SandboxHost.Json(reg);

        using var host = SandboxHost.Browser();
        var start = await host.GetStringAsync(meeting["start_url"]!.GetValue<string>());
        var hostIn = await sb.FollowAsync(host, await SandboxHost.SubmitAsync(host, start, ">Start<", ("name", "Adam Admin"), ("email", "admin@sandbox.zoom.test")));

        // Hanako joins by her personal link, drops out and comes back: two rows, both with her registrant ID.
        using var hanako = SandboxHost.Browser();
        for (var i = 0; i < 2; i++)
        {
            var join = await hanako.GetStringAsync(registrant["join_url"]!.GetValue<string>());
            var inMeeting = await sb.FollowAsync(hanako, await SandboxHost.SubmitAsync(hanako, join, ">Join<", ("name", "Hanako"), ("email", "")));
            sb.Clock.Advance(TimeSpan.FromMinutes(5));
            await sb.FollowAsync(hanako, await SandboxHost.SubmitAsync(hanako, inMeeting, ">Leave<", ("action", "leave")));
        }

        // A guest by the plain join URL, no email given.
        using var guest = SandboxHost.Browser();
        var guestJoin = await guest.GetStringAsync(meeting["join_url"]!.GetValue<string>());
        await sb.FollowAsync(guest, await SandboxHost.SubmitAsync(guest, guestJoin, ">Join<", ("name", "Guest"), ("email", "")));
        await sb.FollowAsync(host, await SandboxHost.SubmitAsync(host, hostIn, ">End meeting<", ("action", "end")));
        await sb.WaitForWebhooksAsync("meeting.ended");

        using var response = await sb.ApiAsync(HttpMethod.Get, $"/past_meetings/{meeting["id"]}/participants?include_fields=registrant_id", tokens.Access);
        var participants = (await SandboxHost.Json(response))["participants"]!.AsArray();
        Assert.Equal(4, participants.Count);
        var rows = participants.Where(p => p!["name"]!.GetValue<string>() == "Hanako").ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, p => Assert.Equal(registrant["registrant_id"]!.GetValue<string>(), p!["registrant_id"]!.GetValue<string>()));
        var g = participants.Single(p => p!["name"]!.GetValue<string>() == "Guest")!;
        Assert.Equal("", g["user_email"]!.GetValue<string>());
        Assert.Equal("", g["registrant_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/AbCdEfGhIjKlMnOpQr+w==")]
    [InlineData("Ab//EfGhIjKlMnOpQr+w==")]
    public async Task A_UUID_starting_with_a_slash_or_holding_two_must_be_double_encoded(string uuid)
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var meeting = await sb.CreateMeetingAsync(tokens.Access);
        using (var set = await sb.Http.PutAsync($"{sb.BaseUrl}/_sandbox/meetings/{meeting["id"]}/uuid", System.Net.Http.Json.JsonContent.Create(new { uuid })))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using var browser = SandboxHost.Browser();
        var join = await browser.GetStringAsync(meeting["join_url"]!.GetValue<string>());
        var inMeeting = await sb.FollowAsync(browser, await SandboxHost.SubmitAsync(browser, join, ">Join<", ("name", "Jiro"), ("email", "jiro@example.com")));
        await sb.FollowAsync(browser, await SandboxHost.SubmitAsync(browser, inMeeting, ">Leave<", ("action", "leave")));

        using (var single = await sb.ApiAsync(HttpMethod.Get, $"/past_meetings/{Uri.EscapeDataString(uuid)}/participants", tokens.Access))
        {
            Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
            Assert.Equal(3001, (await SandboxHost.Json(single))["code"]!.GetValue<int>());
        }

        using var twice = await sb.ApiAsync(HttpMethod.Get, $"/past_meetings/{Uri.EscapeDataString(Uri.EscapeDataString(uuid))}/participants", tokens.Access);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal("Jiro", (await SandboxHost.Json(twice))["participants"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_Pro_host_cannot_start_a_second_meeting_while_one_runs()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var first = await sb.CreateMeetingAsync(tokens.Access, "host2@sandbox.zoom.test");
        var second = await sb.CreateMeetingAsync(tokens.Access, "host2@sandbox.zoom.test"); // same time: accepted by the API
        using var browser = SandboxHost.Browser();
        var start1 = await browser.GetStringAsync(first["start_url"]!.GetValue<string>());
        using (var started = await SandboxHost.SubmitAsync(browser, start1, ">Start<", ("name", "Host")))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        var start2 = await browser.GetStringAsync(second["start_url"]!.GetValue<string>());
        using var refused = await SandboxHost.SubmitAsync(browser, start2, ">Start<", ("name", "Host"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("already hosting another meeting", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_passcode_does_not_join()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var meeting = await sb.CreateMeetingAsync(tokens.Access);
        using var browser = SandboxHost.Browser();
        var page = await browser.GetStringAsync($"{sb.BaseUrl}/j/{meeting["id"]}");
        Assert.Contains("passcode", page, StringComparison.Ordinal);
        using var refused = await SandboxHost.SubmitAsync(browser, page, ">Join<", ("name", "Eve"), ("passcode", "wrong"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var ok = await SandboxHost.SubmitAsync(browser, page, ">Join<", ("name", "Eve"), ("passcode", meeting["password"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }

    [Fact]
    public async Task The_state_page_lists_accounts_users_apps_masked_tokens_and_meetings()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        await sb.CreateMeetingAsync(tokens.Access, "me", new { topic = "Visible topic" });
        var page = await sb.Http.GetStringAsync(sb.BaseUrl + "/");
        Assert.Contains("Zoom sandbox — not Zoom", page, StringComparison.Ordinal);
        Assert.Contains("Sandbox Corp", page, StringComparison.Ordinal);
        Assert.Contains("Other Corp", page, StringComparison.Ordinal);
        Assert.Contains("basic@sandbox.zoom.test", page, StringComparison.Ordinal);
        Assert.Contains("Visible topic", page, StringComparison.Ordinal);
        Assert.Contains(tokens.Access[..4] + "…", page, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.Access, page, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.Refresh, page, StringComparison.Ordinal);
        var state = (await sb.StateAsync()).ToJsonString();
        Assert.DoesNotContain(tokens.Access, state, StringComparison.Ordinal);
    }
}
