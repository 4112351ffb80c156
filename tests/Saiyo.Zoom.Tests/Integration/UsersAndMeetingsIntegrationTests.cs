using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Zoom.Sandbox;
using Saiyo.Zoom.Sandbox.Model;

namespace Saiyo.Zoom.Tests.Integration;

public sealed class UsersAndMeetingsIntegrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ListUsers_returns_every_active_user_of_the_account_across_pages()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();

        var seeded = z.Snapshot()["users"]!.AsArray()
            .Where(u => u!["account_id"]!.GetValue<string>() == ZoomIntegration.AccountA)
            .Select(u => u!["id"]!.GetValue<string>()).Order().ToList();
        var users = await z.Api.ListUsersAsync(ZoomIntegration.Key, None);
        Assert.True(users.IsSuccess, users.ToString());
        Assert.Equal(6, users.Value.Count);
        Assert.Equal(seeded, users.Value.Select(u => u.Id).Order());
        Assert.Contains(users.Value, u => u is { Email: "host3@sandbox.zoom.test", TimeZone: "America/New_York", Type: 2 });
        Assert.Contains(users.Value, u => u is { Email: "basic@sandbox.zoom.test", Type: 1 });

        // More users than one page (300) holds: the client follows next_page_token.
        z.Sandbox.Services.GetRequiredService<SandboxStore>().Write(d =>
        {
            for (var i = 0; i < 320; i++)
            {
                d.Users.Add(new SandboxUser
                {
                    Id = "bulkUser" + i.ToString("D4", CultureInfo.InvariantCulture), AccountId = ZoomIntegration.AccountA,
                    Email = $"bulk{i}@sandbox.zoom.test", FirstName = "Bulk", LastName = i.ToString(CultureInfo.InvariantCulture),
                    Password = "Sandbox-Pass1", Role = "member", Type = 2, Timezone = "Asia/Tokyo",
                });
            }

            return 0;
        });
        while (z.Wire.TryDequeue(out _))
        {
        }

        var many = await z.Api.ListUsersAsync(ZoomIntegration.Key, None);
        Assert.True(many.IsSuccess, many.ToString());
        Assert.Equal(326, many.Value.Count);
        Assert.Equal(326, many.Value.Select(u => u.Id).Distinct().Count());
        Assert.Superset(seeded.ToHashSet(), many.Value.Select(u => u.Id).ToHashSet());
        var pages = z.WireFor("/v2/users?");
        Assert.Equal(2, pages.Count);
        Assert.Contains("next_page_token=", pages[1].Path, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string[]> DstSchedules => new()
    {
        // host, zone, local clock time, the instants on 2026-03-07 / 03-09 (US DST starts 03-08) and 10-31 / 11-02 (ends 11-01)
        { "host2@sandbox.zoom.test", "Asia/Tokyo", "10:00", ["2026-03-07T01:00:00Z", "2026-03-09T01:00:00Z", "2026-10-31T01:00:00Z", "2026-11-02T01:00:00Z"] },
        { "host3@sandbox.zoom.test", "America/New_York", "09:30", ["2026-03-07T14:30:00Z", "2026-03-09T13:30:00Z", "2026-10-31T13:30:00Z", "2026-11-02T14:30:00Z"] },
    };

    [Theory]
    [MemberData(nameof(DstSchedules))]
    public async Task A_schedule_in_a_zone_reaches_Zoom_as_the_intended_instant_on_both_sides_of_DST_changes(string host, string zoneId, string clock, string[] expectedUtc)
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync(host);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        string[] days = ["2026-03-07", "2026-03-09", "2026-10-31", "2026-11-02"];

        for (var i = 0; i < days.Length; i++)
        {
            var local = DateTime.ParseExact($"{days[i]}T{clock}", "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            var instant = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
            Assert.Equal(expectedUtc[i], ZoomMeetingRequest.FormatStartTime(instant)); // the test's own arithmetic

            var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, new ZoomMeetingRequest
            {
                Topic = "Interview " + days[i], StartUtc = instant, Duration = 45, TimeZoneId = zoneId, ReconciliationTag = $"dst-{i}",
            }, None);
            Assert.True(created.IsSuccess, created.ToString());
            Assert.Equal(instant, created.Value.StartUtc);

            var atZoom = z.Meeting(created.Value.Id);
            Assert.Equal(expectedUtc[i], atZoom["start_time"]!.GetValue<string>());
            Assert.Equal(45, atZoom["duration"]!.GetValue<int>());
            Assert.Equal(zoneId, atZoom["timezone"]!.GetValue<string>());
            Assert.Equal(hostId, atZoom["host_id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Get_update_and_delete_a_meeting()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var hostId = await z.UserIdAsync("host2@sandbox.zoom.test");
        var start = new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.FromHours(9));

        var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, new ZoomMeetingRequest
        {
            Topic = "Interview", StartUtc = start, Duration = 30, TimeZoneId = "Asia/Tokyo", ReconciliationTag = "sched-1",
        }, None);
        Assert.True(created.IsSuccess, created.ToString());
        var id = created.Value.Id;
        Assert.True(id > 9_999_999_999, "meeting ids are int64 with more than 10 digits");
        Assert.Equal("sched-1", created.Value.ReconciliationTag);

        var first = await z.Api.GetMeetingAsync(ZoomIntegration.Key, id, None);
        z.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await z.Api.GetMeetingAsync(ZoomIntegration.Key, id, None);
        Assert.True(first.IsSuccess && second.IsSuccess, $"{first} / {second}");
        Assert.NotNull(first.Value.StartUrl);
        Assert.NotEqual(first.Value.StartUrl, second.Value.StartUrl);
        Assert.Equal(first.Value.JoinUrl, second.Value.JoinUrl);
        Assert.Equal(start, second.Value.StartUtc);
        Assert.Equal(30, second.Value.Duration);

        var moved = new DateTimeOffset(2026, 4, 2, 10, 30, 0, TimeSpan.FromHours(9));
        var updated = await z.Api.UpdateMeetingAsync(ZoomIntegration.Key, id, new ZoomMeetingRequest
        {
            Topic = "Interview (moved)", StartUtc = moved, Duration = 60, TimeZoneId = "Asia/Tokyo", ReconciliationTag = "sched-1",
        }, None);
        Assert.True(updated.IsSuccess, updated.ToString());
        var atZoom = z.Meeting(id);
        Assert.Equal("2026-04-02T01:30:00Z", atZoom["start_time"]!.GetValue<string>());
        Assert.Equal(60, atZoom["duration"]!.GetValue<int>());
        Assert.Equal("Interview (moved)", atZoom["topic"]!.GetValue<string>());
        var reread = await z.Api.GetMeetingAsync(ZoomIntegration.Key, id, None);
        Assert.Equal(moved, reread.Value.StartUtc);
        Assert.Equal("sched-1", reread.Value.ReconciliationTag);

        var deleted = await z.Api.DeleteMeetingAsync(ZoomIntegration.Key, id, None);
        Assert.True(deleted.IsSuccess, deleted.ToString());
        Assert.False(deleted.AlreadyGone);
        Assert.Equal(204, z.WireFor($"/v2/meetings/{id}").Last(w => w.Method == "DELETE").Status);
        Assert.True(z.Meeting(id)["deleted"]!.GetValue<bool>());

        var again = await z.Api.DeleteMeetingAsync(ZoomIntegration.Key, id, None);
        Assert.True(again.IsSuccess, again.ToString());
        Assert.True(again.AlreadyGone);
        Assert.Equal(404, z.WireFor($"/v2/meetings/{id}").Last(w => w.Method == "DELETE").Status);

        var gone = await z.Api.GetMeetingAsync(ZoomIntegration.Key, id, None);
        Assert.Equal(ZoomErrorKind.NotFound, gone.Error?.Kind);
        Assert.Equal(3001, gone.Error?.ZoomCode);
    }
}
