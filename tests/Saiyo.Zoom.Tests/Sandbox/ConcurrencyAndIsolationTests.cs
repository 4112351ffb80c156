using System.Net;

namespace Saiyo.Zoom.Tests.Sandbox;

public sealed class ConcurrencyAndIsolationTests
{
    [Fact]
    public async Task Concurrent_creates_from_several_clients_all_land_once()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var creates = Enumerable.Range(0, 15).Select(async i =>
        {
            using var client = new HttpClient(); // as if from several Saiyo nodes
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{sb.ApiBase}/users/host{i % 3 + 1}@sandbox.zoom.test/meetings")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { topic = $"c{i}", agenda = $"tag-{i}" }),
            };
            request.Headers.Authorization = new("Bearer", tokens.Access);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(creates);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        var meetings = (await sb.StateAsync())["meetings"]!.AsArray();
        Assert.Equal(15, meetings.Count);
        Assert.Equal(15, meetings.Select(m => m!["id"]!.GetValue<long>()).Distinct().Count());
    }

    [Fact]
    public async Task An_account_sees_neither_the_users_nor_the_meetings_of_another()
    {
        await using var sb = await SandboxHost.StartAsync();
        var a = await sb.LinkAsync();
        var b = await sb.LinkAsync("admin@other.zoom.test");
        var meeting = await sb.CreateMeetingAsync(a.Access);

        using (var other = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{meeting["id"]}", b.Access))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.Equal(3001, (await SandboxHost.Json(other))["code"]!.GetValue<int>());
        }

        using (var users = await sb.ApiAsync(HttpMethod.Get, "/users", b.Access))
        {
            Assert.Equal(2, (await SandboxHost.Json(users))["total_records"]!.GetValue<int>());
        }

        using var stillA = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{meeting["id"]}", a.Access); // B's install did not touch A's tokens
        Assert.Equal(HttpStatusCode.OK, stillA.StatusCode);
    }

    [Fact]
    public async Task No_or_unknown_bearer_token_is_124()
    {
        await using var sb = await SandboxHost.StartAsync();
        using var none = await sb.Http.GetAsync(sb.ApiBase + "/users/me");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(124, (await SandboxHost.Json(none))["code"]!.GetValue<int>());
        using var unknown = await sb.ApiAsync(HttpMethod.Get, "/users/me", "not-a-token");
        Assert.Equal(124, (await SandboxHost.Json(unknown))["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reset_returns_to_the_seed()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        await sb.CreateMeetingAsync(tokens.Access);
        using (await sb.Http.PostAsync(sb.BaseUrl + "/_sandbox/reset", null)) { }
        var state = await sb.StateAsync();
        Assert.Empty(state["meetings"]!.AsArray());
        Assert.Empty(state["installations"]!.AsArray());
        Assert.Equal(8, state["users"]!.AsArray().Count);
        using var api = await sb.ApiAsync(HttpMethod.Get, "/users/me", tokens.Access);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
