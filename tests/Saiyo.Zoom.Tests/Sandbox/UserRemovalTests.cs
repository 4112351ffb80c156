using System.Net;
using System.Text.Json.Nodes;

namespace Saiyo.Zoom.Tests.Sandbox;

/// <summary>
/// An account admin deactivates or deletes a member on the sandbox's users page: the app gets a signed
/// <c>user.deactivated</c> / <c>user.deleted</c>; an inactive user gets no new meetings, a deleted one's meetings go with it.
/// </summary>
public sealed class UserRemovalTests
{
    [Fact]
    public async Task Deactivate_on_the_users_page_and_Delete_send_signed_webhooks_and_take_the_user_s_hosting_away()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var host2 = await sb.UserIdAsync("host2@sandbox.zoom.test");
        var host3 = await sb.UserIdAsync("host3@sandbox.zoom.test");
        var meeting = await sb.CreateMeetingAsync(tokens.Access, host3);

        using var browser = SandboxHost.Browser();
        var users = await sb.SignInAsync(browser, sb.BaseUrl + "/users", "admin@sandbox.zoom.test");
        Assert.Contains("host2@sandbox.zoom.test", users, StringComparison.Ordinal);
        using (var deactivated = await SandboxHost.SubmitAsync(browser, users, "host2@sandbox.zoom.test"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        }

        var sent = Assert.Single(await sb.WaitForWebhooksAsync("user.deactivated"));
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal(host2, body["payload"]!["object"]!["id"]!.GetValue<string>());
        Assert.Equal("sbxAcctSandboxCorp01", body["payload"]!["account_id"]!.GetValue<string>());
        Assert.StartsWith("v0=", sent.Signature, StringComparison.Ordinal);
        using (var refused = await sb.ApiAsync(HttpMethod.Post, $"/users/{host2}/meetings", tokens.Access, new { topic = "x", type = 2, start_time = "2026-12-24T01:00:00Z", duration = 30 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(3161, (await SandboxHost.Json(refused))["code"]!.GetValue<int>());
        }

        // The control API does what the page's 「Delete」 does.
        using (var deleted = await sb.Http.PostAsync($"{sb.BaseUrl}/_sandbox/users/{host3}/delete", null))
        {
            Assert.Equal("deleted", (await SandboxHost.Json(deleted))["status"]!.GetValue<string>());
        }

        Assert.Single(await sb.WaitForWebhooksAsync("user.deleted"));
        var state = await sb.StateAsync();
        var gone = state["meetings"]!.AsArray().Single(m => m!["id"]!.GetValue<long>() == meeting["id"]!.GetValue<long>())!;
        Assert.True(gone["deleted"]!.GetValue<bool>());
        using (var notFound = await sb.ApiAsync(HttpMethod.Get, $"/users/{host3}", tokens.Access))
        {
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }
    }
}
