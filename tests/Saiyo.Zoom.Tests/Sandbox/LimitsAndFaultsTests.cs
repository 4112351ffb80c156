using System.Net;
using System.Net.Http.Json;

namespace Saiyo.Zoom.Tests.Sandbox;

public sealed class LimitsAndFaultsTests
{
    [Fact]
    public async Task The_per_second_limit_answers_429_with_QPS_headers_and_clears_next_second()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        for (var i = 0; i < 30; i++)
        {
            using var ok = await sb.ApiAsync(HttpMethod.Get, "/users/me", tokens.Access); // Light: 30/s on Pro
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await sb.ApiAsync(HttpMethod.Get, "/users/me", tokens.Access);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("Light", limited.Headers.GetValues("X-RateLimit-Category").Single());
        Assert.Equal("QPS", limited.Headers.GetValues("X-RateLimit-Type").Single());
        Assert.Equal("30", limited.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(429, (await SandboxHost.Json(limited))["code"]!.GetValue<int>());

        using (var otherCategory = await sb.ApiAsync(HttpMethod.Get, "/users", tokens.Access))
        {
            Assert.Equal(HttpStatusCode.OK, otherCategory.StatusCode); // Medium has its own budget
        }

        sb.Clock.Advance(TimeSpan.FromSeconds(1));
        using var next = await sb.ApiAsync(HttpMethod.Get, "/users/me", tokens.Access);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task A_host_gets_100_creates_and_updates_a_day_resetting_at_midnight_UTC()
    {
        await using var sb = await SandboxHost.StartAsync(now: new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero));
        var tokens = await sb.LinkAsync();
        var first = await sb.CreateMeetingAsync(tokens.Access, "host3@sandbox.zoom.test");
        for (var i = 1; i < 100; i++)
        {
            sb.Clock.Advance(TimeSpan.FromMilliseconds(100)); // stay under 20/s for Medium
            using var response = i % 2 == 0
                ? await sb.ApiAsync(HttpMethod.Post, "/users/host3@sandbox.zoom.test/meetings", tokens.Access, new { topic = $"m{i}" })
                : await sb.ApiAsync(HttpMethod.Patch, $"/meetings/{first["id"]}", tokens.Access, new { topic = $"m{i}" });
            Assert.True(response.IsSuccessStatusCode, $"request {i}: {(int)response.StatusCode}");
        }

        sb.Clock.Advance(TimeSpan.FromSeconds(1));
        using var limited = await sb.ApiAsync(HttpMethod.Post, "/users/host3@sandbox.zoom.test/meetings", tokens.Access, new { topic = "one too many" });
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal(
            """{"code":429,"message":"You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00."}""",
            await limited.Content.ReadAsStringAsync());
        Assert.Equal("Daily-limit", limited.Headers.GetValues("X-RateLimit-Type").Single());
        Assert.Null(limited.Headers.RetryAfter);

        using (var otherHost = await sb.ApiAsync(HttpMethod.Post, "/users/host2@sandbox.zoom.test/meetings", tokens.Access, new { topic = "other host" }))
        {
            Assert.Equal(HttpStatusCode.Created, otherHost.StatusCode);
        }

        sb.Clock.Advance(TimeSpan.FromHours(4)); // 00:00:01 UTC next day
        using var refreshed = await sb.TokenRequestAsync(("grant_type", "refresh_token"), ("refresh_token", tokens.Refresh));
        var access = (await SandboxHost.Json(refreshed))["access_token"]!.GetValue<string>();
        using var nextDay = await sb.ApiAsync(HttpMethod.Post, "/users/host3@sandbox.zoom.test/meetings", access, new { topic = "new day" });
        Assert.Equal(HttpStatusCode.Created, nextDay.StatusCode);
    }

    [Fact]
    public async Task Forced_429s_can_be_switched_on_and_off()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        await sb.SetFaultAsync("meetings.create", new { force_429 = "Daily-limit" });
        using (var daily = await sb.ApiAsync(HttpMethod.Post, "/users/me/meetings", tokens.Access, new { topic = "x" }))
        {
            Assert.Equal((HttpStatusCode)429, daily.StatusCode);
            Assert.Equal("Daily-limit", daily.Headers.GetValues("X-RateLimit-Type").Single());
        }

        await sb.SetFaultAsync("all", new { force_429 = "QPS" });
        using (var qps = await sb.ApiAsync(HttpMethod.Get, "/users", tokens.Access))
        {
            Assert.Equal((HttpStatusCode)429, qps.StatusCode);
            Assert.Equal("QPS", qps.Headers.GetValues("X-RateLimit-Type").Single());
        }

        using (await sb.Http.DeleteAsync(sb.BaseUrl + "/_sandbox/faults")) { }
        await sb.CreateMeetingAsync(tokens.Access);
    }

    [Fact]
    public async Task A_share_of_5xx_answers_changes_nothing()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        await sb.SetFaultAsync("meetings.create", new { error_rate = 1.0, error_status = 503, count = 2 });
        for (var i = 0; i < 2; i++)
        {
            using var failed = await sb.ApiAsync(HttpMethod.Post, "/users/me/meetings", tokens.Access, new { topic = "x" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        Assert.Empty((await sb.StateAsync())["meetings"]!.AsArray());
        await sb.CreateMeetingAsync(tokens.Access); // the fault cleared itself after two uses
    }

    [Fact]
    public async Task Drop_after_commit_creates_the_meeting_but_the_client_sees_a_dropped_connection()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        await sb.SetFaultAsync("meetings.create", new { drop_after_commit_rate = 1.0, count = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            sb.ApiAsync(HttpMethod.Post, "/users/host1@sandbox.zoom.test/meetings", tokens.Access, new { topic = "lost", agenda = "saiyo-tag-42" }));

        using var list = await sb.ApiAsync(HttpMethod.Get, "/users/host1@sandbox.zoom.test/meetings", tokens.Access);
        var meetings = (await SandboxHost.Json(list))["meetings"]!.AsArray();
        Assert.Contains(meetings, m => m!["agenda"]!.GetValue<string>() == "saiyo-tag-42");
    }

    [Fact]
    public async Task Latency_delays_the_answer()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        await sb.SetFaultAsync("light", new { latency_ms = 400 });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await sb.ApiAsync(HttpMethod.Get, "/users/me", tokens.Access);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 380, $"took {watch.ElapsedMilliseconds} ms");
        var faults = await sb.Http.GetFromJsonAsync<Dictionary<string, object>>(sb.BaseUrl + "/_sandbox/faults");
        Assert.Contains("light", faults!.Keys);
    }

    [Fact]
    public async Task Token_endpoint_faults_apply_too()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        await sb.SetFaultAsync("oauth.token", new { drop_after_commit_rate = 1.0, count = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => sb.TokenRequestAsync(("grant_type", "refresh_token"), ("refresh_token", tokens.Refresh)));

        // The refresh happened: the old refresh token is spent, as at Zoom when the answer is lost.
        using var again = await sb.TokenRequestAsync(("grant_type", "refresh_token"), ("refresh_token", tokens.Refresh));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }
}
