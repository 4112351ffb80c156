using System.Net;
using System.Text.Json.Nodes;

namespace Saiyo.Zoom.Tests.Sandbox;

public sealed class UsersAndMeetingsTests
{
    [Fact]
    public async Task Users_page_with_next_page_token()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var emails = new List<string>();
        var next = "";
        var pages = 0;
        do
        {
            using var response = await sb.ApiAsync(HttpMethod.Get, $"/users?status=active&page_size=2&next_page_token={Uri.EscapeDataString(next)}", tokens.Access);
            var json = await SandboxHost.Json(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(6, json["total_records"]!.GetValue<int>());
            emails.AddRange(json["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>()));
            next = json["next_page_token"]!.GetValue<string>();
            pages++;
        }
        while (next.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(6, emails.Distinct().Count());
        Assert.Contains("basic@sandbox.zoom.test", emails);
        Assert.DoesNotContain("admin@other.zoom.test", emails);
    }

    [Fact]
    public async Task Unknown_user_is_1001()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        using var response = await sb.ApiAsync(HttpMethod.Get, "/users/nobody@sandbox.zoom.test", tokens.Access);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1001, (await SandboxHost.Json(response))["code"]!.GetValue<int>());
        using var other = await sb.ApiAsync(HttpMethod.Post, "/users/admin@other.zoom.test/meetings", tokens.Access, new { topic = "x" });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(1001, (await SandboxHost.Json(other))["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Meeting_create_get_patch_delete_and_3001_when_gone()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var created = await sb.CreateMeetingAsync(tokens.Access, "host1@sandbox.zoom.test", new { topic = "一次面接", type = 2, start_time = "2026-04-01T01:00:00Z", duration = 45, timezone = "Asia/Tokyo", agenda = "saiyo:abc" });
        var id = created["id"]!.GetValue<long>();
        Assert.True(id > 9_999_999_999, $"id {id} should exceed 10 digits");
        Assert.Equal("2026-04-01T01:00:00Z", created["start_time"]!.GetValue<string>());
        Assert.Equal("Asia/Tokyo", created["timezone"]!.GetValue<string>());
        Assert.StartsWith(sb.BaseUrl + "/j/" + id, created["join_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("zak=", created["start_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(created["password"]!.GetValue<string>()));
        Assert.Equal(await sb.UserIdAsync("host1@sandbox.zoom.test"), created["host_id"]!.GetValue<string>());

        using (var patch = await sb.ApiAsync(HttpMethod.Patch, $"/meetings/{id}", tokens.Access, new { topic = "二次面接", duration = 60, settings = new { waiting_room = false } }))
        {
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        }

        using (var get = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{id}", tokens.Access))
        {
            var json = await SandboxHost.Json(get);
            Assert.Equal("二次面接", json["topic"]!.GetValue<string>());
            Assert.Equal(60, json["duration"]!.GetValue<int>());
            Assert.Equal("saiyo:abc", json["agenda"]!.GetValue<string>());
            Assert.False(json["settings"]!["waiting_room"]!.GetValue<bool>());
            Assert.Equal("2026-04-01T01:00:00Z", json["start_time"]!.GetValue<string>());
            sb.Clock.Advance(TimeSpan.FromSeconds(1));
            using var again = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{id}", tokens.Access);
            Assert.NotEqual(json["start_url"]!.GetValue<string>(), (await SandboxHost.Json(again))["start_url"]!.GetValue<string>());
        }

        using (var delete = await sb.ApiAsync(HttpMethod.Delete, $"/meetings/{id}", tokens.Access))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Get })
        {
            using var gone = await sb.ApiAsync(method, $"/meetings/{id}", tokens.Access);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal(3001, (await SandboxHost.Json(gone))["code"]!.GetValue<int>());
        }

        var state = await sb.StateAsync();
        Assert.True(state["meetings"]!.AsArray().Single(m => m!["id"]!.GetValue<long>() == id)!["deleted"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("2026-04-01T10:00:00Z", "Asia/Tokyo", "2026-04-01T10:00:00Z")] // UTC with Z: the instant, whatever the timezone
    [InlineData("2026-04-01T10:00:00", "Asia/Tokyo", "2026-04-01T01:00:00Z")] // local clock time in the given zone
    [InlineData("2026-04-01T10:00:00", null, "2026-04-01T01:00:00Z")] // no timezone: the host's (Asia/Tokyo)
    [InlineData("2026-03-07T10:00:00", "America/New_York", "2026-03-07T15:00:00Z")] // EST, before the DST change of 8 March
    [InlineData("2026-03-09T10:00:00", "America/New_York", "2026-03-09T14:00:00Z")] // EDT, after it
    [InlineData("2026-03-08T02:30:00", "America/New_York", "2026-03-08T07:30:00Z")] // inside the skipped hour: moved forward to 03:30 EDT
    [InlineData("2026-04-01T10:00:00+09:00", "America/New_York", "2026-04-01T01:00:00Z")] // an explicit offset is an instant too
    public async Task Start_time_lands_on_the_right_instant(string startTime, string? timezone, string expectedUtc)
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var body = new JsonObject { ["topic"] = "t", ["type"] = 2, ["start_time"] = startTime, ["duration"] = 30 };
        if (timezone is not null)
        {
            body["timezone"] = timezone;
        }

        var created = await sb.CreateMeetingAsync(tokens.Access, "host1@sandbox.zoom.test", body);
        Assert.Equal(expectedUtc, created["start_time"]!.GetValue<string>());
        Assert.Equal(timezone ?? "Asia/Tokyo", created["timezone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_start_time_is_a_validation_error()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        using var response = await sb.ApiAsync(HttpMethod.Post, "/users/me/meetings", tokens.Access, new { topic = "t", start_time = "next tuesday" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(300, (await SandboxHost.Json(response))["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Listing_a_hosts_meetings_shows_the_agenda()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        for (var i = 0; i < 3; i++)
        {
            await sb.CreateMeetingAsync(tokens.Access, "host2@sandbox.zoom.test", new { topic = $"m{i}", type = 2, start_time = $"2026-04-0{i + 1}T01:00:00Z", agenda = $"tag-{i}" });
        }

        using var first = await sb.ApiAsync(HttpMethod.Get, "/users/host2@sandbox.zoom.test/meetings?page_size=2", tokens.Access);
        var page1 = await SandboxHost.Json(first);
        Assert.Equal(3, page1["total_records"]!.GetValue<int>());
        using var second = await sb.ApiAsync(HttpMethod.Get, $"/users/host2@sandbox.zoom.test/meetings?page_size=2&next_page_token={page1["next_page_token"]!.GetValue<string>()}", tokens.Access);
        var page2 = await SandboxHost.Json(second);
        var agendas = page1["meetings"]!.AsArray().Concat(page2["meetings"]!.AsArray()).Select(m => m!["agenda"]!.GetValue<string>()).ToList();
        Assert.Equal(["tag-0", "tag-1", "tag-2"], agendas);
        Assert.Equal("", page2["next_page_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registrants_get_a_personal_join_url_when_approval_is_automatic()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var noRegistration = await sb.CreateMeetingAsync(tokens.Access);
        using (var refused = await sb.ApiAsync(HttpMethod.Post, $"/meetings/{noRegistration["id"]}/registrants", tokens.Access, new { email = "a@example.com", first_name = "A" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var meeting = await sb.CreateMeetingAsync(tokens.Access, "me", new { topic = "reg", type = 2, start_time = "2026-04-01T01:00:00Z", settings = new { approval_type = 0 } });
        using var response = await sb.ApiAsync(HttpMethod.Post, $"/meetings/{meeting["id"]}/registrants", tokens.Access, new { email = "taro@example.com", first_name = "Taro", last_name = "Yamada" });
        var json = await SandboxHost.Json(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(meeting["id"]!.GetValue<long>(), json["id"]!.GetValue<long>());
        Assert.Contains("tk=", json["join_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(json["registrant_id"]!.GetValue<string>()));
        Assert.Equal("reg", json["topic"]!.GetValue<string>());

        using var missing = await sb.ApiAsync(HttpMethod.Post, $"/meetings/{meeting["id"]}/registrants", tokens.Access, new { email = "x@example.com" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(300, (await SandboxHost.Json(missing))["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_start_url_expires_after_two_hours_and_GET_gives_a_fresh_one()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var created = await sb.CreateMeetingAsync(tokens.Access);
        using var browser = SandboxHost.Browser();
        using (var fresh = await browser.GetAsync(created["start_url"]!.GetValue<string>()))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        sb.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        using (var stale = await browser.GetAsync(created["start_url"]!.GetValue<string>()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        }

        var tokens2 = await sb.LinkAsync();
        using var get = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{created["id"]}", tokens2.Access);
        using var again = await browser.GetAsync((await SandboxHost.Json(get))["start_url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task State_survives_a_restart()
    {
        await using var sb = await SandboxHost.StartAsync();
        var tokens = await sb.LinkAsync();
        var created = await sb.CreateMeetingAsync(tokens.Access);
        await sb.RestartAsync();

        using var get = await sb.ApiAsync(HttpMethod.Get, $"/meetings/{created["id"]}", tokens.Access);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using var refreshed = await sb.TokenRequestAsync(("grant_type", "refresh_token"), ("refresh_token", tokens.Refresh));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }
}
