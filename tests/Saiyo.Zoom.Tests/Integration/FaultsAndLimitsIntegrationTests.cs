namespace Saiyo.Zoom.Tests.Integration;

public sealed class FaultsAndLimitsIntegrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static ZoomMeetingRequest Interview(string tag, int day = 1) => new()
    {
        Topic = "Interview " + tag,
        StartUtc = new DateTimeOffset(2026, 4, day, 1, 0, 0, TimeSpan.Zero),
        Duration = 30,
        TimeZoneId = "Asia/Tokyo",
        ReconciliationTag = tag,
    };

    [Fact]
    public async Task A_create_whose_response_is_lost_is_OutcomeUnknown_and_found_again_by_its_tag()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        await z.Sandbox.SetFaultAsync("meetings.create", new { drop_after_commit_rate = 1.0, count = 1 });

        var lost = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, Interview("sched-lost"), None);
        Assert.Equal(ZoomErrorKind.OutcomeUnknown, lost.Error?.Kind);
        var posts = z.WireFor("/meetings").Where(w => w.Method == "POST").ToList();
        Assert.Single(posts); // never resent: it may have taken effect
        Assert.Null(posts[0].Status);

        var atZoom = Assert.Single(z.MeetingsTagged("sched-lost"));
        var found = await z.Api.FindMeetingByTagAsync(ZoomIntegration.Key, hostId, "sched-lost", None);
        Assert.True(found.IsSuccess, found.ToString());
        Assert.Equal(atZoom["id"]!.GetValue<long>(), found.Value?.Id);

        // The caller's reconcile step finds it instead of creating a second one.
        var reconciled = await z.ReconcileCreateAsync(hostId, Interview("sched-lost"));
        Assert.Equal(found.Value!.Id, reconciled.Id);
        Assert.Single(z.MeetingsTagged("sched-lost"));
        Assert.Empty(z.Snapshot()["faults"]!.AsObject());
    }

    [Fact]
    public async Task A_5xx_on_create_is_not_retried_and_reconciling_creates_exactly_one_meeting()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        await z.Sandbox.SetFaultAsync("meetings.create", new { error_rate = 1.0, count = 1 });

        var failed = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, Interview("sched-5xx"), None);
        Assert.True(failed.Error?.Kind is ZoomErrorKind.OutcomeUnknown or ZoomErrorKind.Transient, failed.ToString());
        Assert.Equal(500, failed.Error!.HttpStatus);
        Assert.Equal(new int?[] { 500 }, z.WireFor("/meetings").Where(w => w.Method == "POST").Select(w => w.Status));
        Assert.Empty(z.MeetingsTagged("sched-5xx"));

        var meeting = await z.ReconcileCreateAsync(hostId, Interview("sched-5xx"));
        var atZoom = Assert.Single(z.MeetingsTagged("sched-5xx"));
        Assert.Equal(meeting.Id, atZoom["id"]!.GetValue<long>());

        // Reconciling once more (e.g. a retried job) still finds the one meeting.
        var again = await z.ReconcileCreateAsync(hostId, Interview("sched-5xx"), maxAttempts: 1);
        Assert.Equal(meeting.Id, again.Id);
        Assert.Single(z.Meetings(m => !m["deleted"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_5xx_on_get_is_retried_and_succeeds()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, Interview("sched-get"), None);
        Assert.True(created.IsSuccess, created.ToString());
        await z.Sandbox.SetFaultAsync("meetings.get", new { error_rate = 1.0, error_status = 503, count = 1 });

        var got = await z.Api.GetMeetingAsync(ZoomIntegration.Key, created.Value.Id, None);
        Assert.True(got.IsSuccess, got.ToString());
        Assert.Equal(created.Value.Id, got.Value.Id);
        Assert.Equal(new int?[] { 503, 200 }, z.WireFor($"/v2/meetings/{created.Value.Id}").Select(w => w.Status));
    }

    [Fact]
    public async Task A_QPS_429_on_create_is_retried_after_Retry_After_and_creates_one_meeting()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        await z.Sandbox.SetFaultAsync("meetings.create", new { force_429 = "QPS", count = 1 });

        var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, Interview("sched-qps"), None);
        Assert.True(created.IsSuccess, created.ToString());
        Assert.Equal(new int?[] { 429, 201 }, z.WireFor("/meetings").Where(w => w.Method == "POST").Select(w => w.Status));
        Assert.Equal(created.Value.Id, Assert.Single(z.MeetingsTagged("sched-qps"))["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_101st_create_or_update_of_a_host_in_a_UTC_day_is_DailyLimitReached_until_midnight_UTC()
    {
        await using var z = await ZoomIntegration.StartAsync(new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero));
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host3@sandbox.zoom.test");

        var first = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, Interview("daily-0"), None);
        Assert.True(first.IsSuccess, first.ToString());
        for (var i = 1; i < 100; i++)
        {
            z.Clock.Advance(TimeSpan.FromMilliseconds(100)); // under the per-second limits (Medium 20/s)
            var result = i % 2 == 0
                ? await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, Interview($"daily-{i}"), None)
                : await z.Api.UpdateMeetingAsync(ZoomIntegration.Key, first.Value.Id, Interview("daily-0") with { Duration = 30 + i }, None);
            Assert.True(result.IsSuccess, $"request {i}: {result}");
        }

        z.Clock.Advance(TimeSpan.FromSeconds(1));
        var posts = z.WireFor("/meetings").Count(w => w.Method == "POST");
        var limited = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, Interview("daily-101"), None);
        Assert.Equal(ZoomErrorKind.DailyLimitReached, limited.Error?.Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), limited.Error!.ResumesAtUtc);
        Assert.Equal(posts + 1, z.WireFor("/meetings").Count(w => w.Method == "POST")); // not retried
        Assert.Equal(50, z.Meetings(m => m["host_id"]!.GetValue<string>() == hostId).Count);
        Assert.Empty(z.MeetingsTagged("daily-101"));

        var update = await z.Api.UpdateMeetingAsync(ZoomIntegration.Key, first.Value.Id, Interview("daily-0") with { Duration = 15 }, None);
        Assert.Equal(ZoomErrorKind.DailyLimitReached, update.Error?.Kind);
        Assert.Equal(129, z.Meeting(first.Value.Id)["duration"]!.GetValue<int>());

        // Another host still has its quota; after 00:00 UTC this host has again (the expired access token is refreshed on the way).
        var other = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, await z.UserIdAsync("host2@sandbox.zoom.test"), Interview("other-host"), None);
        Assert.True(other.IsSuccess, other.ToString());
        z.Clock.Advance(TimeSpan.FromHours(4));
        var nextDay = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, Interview("daily-next"), None);
        Assert.True(nextDay.IsSuccess, nextDay.ToString());
        Assert.Equal(1, z.Tokens.Refreshes);
        Assert.Single(z.MeetingsTagged("daily-next")); // the create rejected with 401/124 was resent once, after the refresh
        Assert.Equal(new int?[] { 401, 201 }, z.Wire.Where(w => w.Method == "POST" && w.Path.Contains("/meetings", StringComparison.Ordinal)).TakeLast(2).Select(w => w.Status));
    }

    // An attempt's timeout that a healthy call on a busy 2-core machine stays well under, and a fault latency well over it.
    private static readonly TimeSpan SlowAttempt = TimeSpan.FromMilliseconds(2000);
    private const int SlowLatencyMs = 4000;

    [Fact]
    public async Task A_slow_get_times_out_per_attempt_and_is_retried()
    {
        await using var z = await ZoomIntegration.StartAsync(configure: o => o.Resilience.AttemptTimeout = SlowAttempt);
        await z.LinkAsync();
        await z.Sandbox.SetFaultAsync("users.get", new { latency_ms = SlowLatencyMs, count = 1 });

        var me = await z.Api.GetMeAsync(ZoomIntegration.Key, None);
        Assert.True(me.IsSuccess, me.ToString());
        var gets = z.WireFor("/v2/users/me");
        Assert.True(gets.Count >= 2, string.Join(", ", gets));
        Assert.Null(gets[0].Status);
        Assert.Equal(200, gets[^1].Status);
    }

    [Fact]
    public async Task A_create_that_times_out_is_OutcomeUnknown_and_reconciling_leaves_exactly_one_meeting()
    {
        await using var z = await ZoomIntegration.StartAsync(configure: o => o.Resilience.AttemptTimeout = SlowAttempt);
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        await z.Sandbox.SetFaultAsync("meetings.create", new { latency_ms = SlowLatencyMs, count = 1 });

        var slow = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, Interview("sched-slow"), None);
        Assert.Equal(ZoomErrorKind.OutcomeUnknown, slow.Error?.Kind);
        Assert.Single(z.WireFor("/meetings"), w => w.Method == "POST");

        var meeting = await z.ReconcileCreateAsync(hostId, Interview("sched-slow"));
        await Task.Delay(SlowLatencyMs - (int)SlowAttempt.TotalMilliseconds + 500); // past the abandoned request's latency: it must not commit late
        var atZoom = Assert.Single(z.MeetingsTagged("sched-slow"));
        Assert.Equal(meeting.Id, atZoom["id"]!.GetValue<long>());
    }
}
