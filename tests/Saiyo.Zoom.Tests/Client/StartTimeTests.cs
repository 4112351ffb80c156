using System.Net;
using System.Text.Json;
using static Saiyo.Zoom.Tests.Client.ZoomClientHarness;

namespace Saiyo.Zoom.Tests.Client;

/// <summary>
/// A schedule is a wall-clock time in the company's zone; Zoom gets the UTC instant with 'Z' (the unambiguous form) and the
/// zone only for display. America/New_York changes offset on 2026-03-08 and 2026-11-01.
/// </summary>
public sealed class StartTimeTests
{
    public static TheoryData<string, string, string> Schedules => new()
    {
        { "Asia/Tokyo", "2026-12-01T10:00:00", "2026-12-01T01:00:00Z" },
        { "Asia/Tokyo", "2026-01-01T00:30:00", "2025-12-31T15:30:00Z" },
        // Before / after spring forward (EST -5 → EDT -4).
        { "America/New_York", "2026-03-07T10:00:00", "2026-03-07T15:00:00Z" },
        { "America/New_York", "2026-03-08T01:30:00", "2026-03-08T06:30:00Z" },
        { "America/New_York", "2026-03-08T03:30:00", "2026-03-08T07:30:00Z" },
        { "America/New_York", "2026-03-09T10:00:00", "2026-03-09T14:00:00Z" },
        // Before / after fall back (EDT -4 → EST -5).
        { "America/New_York", "2026-10-31T10:00:00", "2026-10-31T14:00:00Z" },
        { "America/New_York", "2026-11-02T10:00:00", "2026-11-02T15:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public async Task The_utc_instant_of_the_schedule_is_sent_with_the_zone_as_display_only(string zoneId, string localTime, string expectedStartTime)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = DateTime.Parse(localTime, System.Globalization.CultureInfo.InvariantCulture);
        var instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.Created, ApiClientTests.MeetingJson).Respond(HttpStatusCode.NoContent);

        var request = ApiClientTests.Request() with { StartUtc = instant, TimeZoneId = zoneId };
        await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", request, Ct);
        await zoom.Api.UpdateMeetingAsync(ConnectionKey, 1, request, Ct);

        foreach (var sent in zoom.Handler.Requests)
        {
            using var body = JsonDocument.Parse(sent.Body!);
            Assert.Equal(expectedStartTime, body.RootElement.GetProperty("start_time").GetString());
            Assert.Equal(zoneId, body.RootElement.GetProperty("timezone").GetString());
            // Reading it back as Zoom does ('Z' = UTC) gives the schedule's instant.
            Assert.Equal(instant, DateTimeOffset.Parse(body.RootElement.GetProperty("start_time").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Offset_and_utc_forms_of_the_same_instant_serialize_identically()
    {
        var tokyo = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9));
        var utcDateTime = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
        Assert.Equal("2026-12-01T01:00:00Z", ZoomMeetingRequest.FormatStartTime(tokyo));
        Assert.Equal("2026-12-01T01:00:00Z", ZoomMeetingRequest.FormatStartTime(utcDateTime));
        Assert.Equal("2026-12-01T01:00:00Z", (ApiClientTests.Request() with { StartUtc = utcDateTime }).ZoomStartTime);
    }

    [Fact]
    public void Serialization_does_not_depend_on_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("th-TH"); // Buddhist calendar
            Assert.Equal("2026-12-01T01:00:00Z", ZoomMeetingRequest.FormatStartTime(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
