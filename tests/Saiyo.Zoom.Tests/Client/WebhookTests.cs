using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Saiyo.Zoom.Webhooks;

namespace Saiyo.Zoom.Tests.Client;

public sealed class WebhookVerifierTests : IDisposable
{
    private readonly List<ZoomClientHarness> _harnesses = [];

    public void Dispose() => _harnesses.ForEach(h => h.Dispose());

    private const string Secret = "webhook-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"meeting.deleted","event_ts":1764050400000,"payload":{"account_id":"acc","object":{"id":85746065123}}}""");

    private static string Sign(string timestamp, byte[] body, string secret = Secret) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body]));

    private static string Ts(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private ZoomWebhookVerifier Verifier(out FakeTimeProvider time)
    {
        time = new FakeTimeProvider(Now);
        var zoom = new ZoomClientHarness(time: time);
        _harnesses.Add(zoom);
        return zoom.Verifier; // options and time come from the container, as in Saiyo
    }

    [Fact]
    public void A_genuine_delivery_verifies()
    {
        var verifier = Verifier(out _);
        Assert.True(verifier.Verify(Body, Ts(Now), Sign(Ts(Now), Body)).IsValid);
    }

    [Fact]
    public void Upper_case_hex_and_millisecond_timestamps_are_accepted()
    {
        var verifier = Verifier(out _);
        var ms = Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(verifier.Verify(Body, Ts(Now), "v0=" + Sign(Ts(Now), Body)[3..].ToUpperInvariant()).IsValid);
        Assert.True(verifier.Verify(Body, ms, Sign(ms, Body)).IsValid);
    }

    [Fact]
    public void A_tampered_body_fails()
    {
        var verifier = Verifier(out _);
        var tampered = (byte[])Body.Clone();
        tampered[^5] ^= 1;
        Assert.Equal(ZoomWebhookFailure.SignatureMismatch, verifier.Verify(tampered, Ts(Now), Sign(Ts(Now), Body)).Failure);
    }

    [Fact]
    public void Re_serialized_json_with_other_whitespace_fails_because_the_raw_bytes_are_signed()
    {
        var verifier = Verifier(out _);
        var pretty = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(
            System.Text.Json.JsonDocument.Parse(Body).RootElement, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Assert.Equal(ZoomWebhookFailure.SignatureMismatch, verifier.Verify(pretty, Ts(Now), Sign(Ts(Now), Body)).Failure);
    }

    [Fact]
    public void A_signature_with_another_secret_fails()
    {
        var verifier = Verifier(out _);
        Assert.Equal(ZoomWebhookFailure.SignatureMismatch, verifier.Verify(Body, Ts(Now), Sign(Ts(Now), Body, "other")).Failure);
    }

    [Fact]
    public void A_signature_over_another_timestamp_fails()
    {
        var verifier = Verifier(out _);
        Assert.Equal(ZoomWebhookFailure.SignatureMismatch, verifier.Verify(Body, Ts(Now), Sign(Ts(Now.AddSeconds(-1)), Body)).Failure);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public void Timestamps_outside_the_tolerance_are_replays(int offsetSeconds)
    {
        var verifier = Verifier(out _);
        var ts = Ts(Now.AddSeconds(offsetSeconds));
        Assert.Equal(ZoomWebhookFailure.TimestampOutOfTolerance, verifier.Verify(Body, ts, Sign(ts, Body)).Failure);
    }

    [Fact]
    public void A_delivery_replayed_later_fails_although_it_verified_at_first()
    {
        var verifier = Verifier(out var time);
        var signature = Sign(Ts(Now), Body);
        Assert.True(verifier.Verify(Body, Ts(Now), signature).IsValid);
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(ZoomWebhookFailure.TimestampOutOfTolerance, verifier.Verify(Body, Ts(Now), signature).Failure);
    }

    [Theory]
    [InlineData(null, "sig", ZoomWebhookFailure.MissingOrInvalidTimestamp)]
    [InlineData("", "sig", ZoomWebhookFailure.MissingOrInvalidTimestamp)]
    [InlineData("12ab", "sig", ZoomWebhookFailure.MissingOrInvalidTimestamp)]
    [InlineData("-1", "sig", ZoomWebhookFailure.MissingOrInvalidTimestamp)]
    [InlineData("99999999999999999", "sig", ZoomWebhookFailure.MissingOrInvalidTimestamp)]
    [InlineData("now", null, ZoomWebhookFailure.MissingOrMalformedSignature)]
    [InlineData("now", "", ZoomWebhookFailure.MissingOrMalformedSignature)]
    [InlineData("now", "v1=00ff", ZoomWebhookFailure.MissingOrMalformedSignature)]
    [InlineData("now", "v0=not-hex", ZoomWebhookFailure.MissingOrMalformedSignature)]
    [InlineData("now", "v0=abc", ZoomWebhookFailure.MissingOrMalformedSignature)]
    [InlineData("now", "v0=00ff", ZoomWebhookFailure.SignatureMismatch)]
    public void Missing_or_malformed_headers_fail(string? timestamp, string? signature, ZoomWebhookFailure expected)
    {
        var verifier = Verifier(out _);
        var ts = timestamp == "now" ? Ts(Now) : timestamp;
        Assert.Equal(expected, verifier.Verify(Body, ts, signature == "sig" ? Sign(Ts(Now), Body) : signature).Failure);
    }

    [Fact]
    public void Without_a_configured_secret_nothing_verifies()
    {
        using var zoom = new ZoomClientHarness(o => o.WebhookSecretToken = "", new FakeTimeProvider(Now));
        Assert.Equal(ZoomWebhookFailure.SecretNotConfigured, zoom.Verifier.Verify(Body, Ts(Now), Sign(Ts(Now), Body)).Failure);
    }

    [Fact]
    public void Url_validation_answer_is_the_hex_hmac_of_the_plain_token()
    {
        var verifier = Verifier(out _);

        var answer = verifier.CreateUrlValidationResponse("qgg8vlvZRS6UYooatFL8Aw");

        Assert.Equal("qgg8vlvZRS6UYooatFL8Aw", answer.PlainToken);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("qgg8vlvZRS6UYooatFL8Aw")));
        Assert.Equal(expected, answer.EncryptedToken);
        Assert.Matches("^[0-9a-f]{64}$", answer.EncryptedToken);
        Assert.Equal(
            $$"""{"plainToken":"qgg8vlvZRS6UYooatFL8Aw","encryptedToken":"{{expected}}"}""",
            System.Text.Json.JsonSerializer.Serialize(answer));
    }
}

public sealed class WebhookParserTests
{
    private static ZoomWebhookEvent Parse(string json) => new ZoomWebhookParser().Parse(Encoding.UTF8.GetBytes(json));

    private static readonly DateTimeOffset EventTs = DateTimeOffset.FromUnixTimeMilliseconds(1764050400123);

    [Fact]
    public void Url_validation()
    {
        var e = Assert.IsType<ZoomUrlValidationEvent>(Parse("""{"event":"endpoint.url_validation","payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1764050400123}"""));
        Assert.Equal("qgg8vlvZRS6UYooatFL8Aw", e.PlainToken);
        Assert.Equal(EventTs, e.EventTs);
    }

    [Theory]
    [InlineData("""{"event":"app_deauthorized","event_ts":1764050400123,"payload":{"account_id":"acc-1","user_id":"u-1","signature":"sig","deauthorization_time":"2025-11-25T06:00:00.123Z","client_id":"cid"}}""")]
    [InlineData("""{"event":"app_deauthorized","payload":{"event_ts":1764050400123,"account_id":"acc-1","user_id":"u-1","signature":"sig","deauthorization_time":"2025-11-25T06:00:00.123Z","client_id":"cid"}}""")]
    [InlineData("""{"event":"app_deauthorized","payload":{"event_ts":"1764050400123","account_id":"acc-1","user_id":"u-1","deauthorization_time":"2025-11-25T06:00:00.123Z","client_id":"cid"}}""")]
    public void App_deauthorized_with_event_ts_outside_or_inside_the_payload(string json)
    {
        var e = Assert.IsType<ZoomAppDeauthorizedEvent>(Parse(json));
        Assert.Equal("acc-1", e.AccountId);
        Assert.Equal("u-1", e.UserId);
        Assert.Equal("cid", e.ClientId);
        Assert.Equal(new DateTimeOffset(2025, 11, 25, 6, 0, 0, 123, TimeSpan.Zero), e.DeauthorizationTime);
        Assert.Equal(EventTs, e.EventTs);
        Assert.Equal("app_deauthorized", e.EventName);
    }

    [Fact]
    public void App_deauthorized_with_only_the_account_is_tolerated()
    {
        var e = Assert.IsType<ZoomAppDeauthorizedEvent>(Parse("""{"event":"app_deauthorized","payload":{"account_id":"acc-1"}}"""));
        Assert.Null(e.UserId);
        Assert.Null(e.EventTs);
        Assert.Null(e.DeauthorizationTime);
    }

    [Theory]
    [InlineData("meeting.deleted", typeof(ZoomMeetingDeletedEvent), "85746065123")]
    [InlineData("meeting.deleted", typeof(ZoomMeetingDeletedEvent), "\"85746065123\"")]
    [InlineData("meeting.updated", typeof(ZoomMeetingUpdatedEvent), "85746065123")]
    [InlineData("meeting.updated", typeof(ZoomMeetingUpdatedEvent), "\"85746065123\"")]
    [InlineData("meeting.ended", typeof(ZoomMeetingEndedEvent), "85746065123")]
    [InlineData("meeting.ended", typeof(ZoomMeetingEndedEvent), "\"85746065123\"")]
    public void Meeting_events_with_the_id_as_number_or_string(string name, Type type, string id)
    {
        var e = Parse(
            "{\"event\":\"" + name + "\",\"event_ts\":1764050400123,\"payload\":{\"account_id\":\"acc-1\",\"operator\":\"admin@x.example\"," +
            "\"object\":{\"id\":" + id + ",\"uuid\":\"aDYlohsHRtCd4ii1uC2+hA==\",\"host_id\":\"host-1\",\"topic\":\"Interview\",\"type\":2," +
            "\"start_time\":\"2026-12-01T01:00:00Z\",\"duration\":45,\"timezone\":\"Asia/Tokyo\"}}}");

        Assert.IsType(type, e);
        var meeting = Assert.IsAssignableFrom<ZoomMeetingEvent>(e);
        Assert.Equal(name, meeting.EventName);
        Assert.Equal("acc-1", meeting.AccountId);
        Assert.Equal(85746065123, meeting.MeetingId);
        Assert.Equal("aDYlohsHRtCd4ii1uC2+hA==", meeting.Uuid);
        Assert.Equal("host-1", meeting.HostId);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), meeting.StartTime);
        Assert.Equal(EventTs, meeting.EventTs);
    }

    [Fact]
    public void Meeting_updated_with_only_changed_fields_and_event_ts_in_the_payload()
    {
        var e = Assert.IsType<ZoomMeetingUpdatedEvent>(Parse("""
            {"event":"meeting.updated","payload":{"account_id":"acc-1","event_ts":1764050400123,"object":{"id":"85746065123","topic":"New"},"old_object":{"id":"85746065123","topic":"Old"}}}
            """));
        Assert.Equal(85746065123, e.MeetingId);
        Assert.Null(e.StartTime);
        Assert.Null(e.Uuid);
        Assert.Equal(EventTs, e.EventTs);
    }

    [Theory]
    [InlineData("user.deactivated", false)]
    [InlineData("user.deleted", true)]
    public void A_deactivated_or_deleted_user_is_named_with_its_account(string name, bool deleted)
    {
        var e = Assert.IsType<ZoomUserGoneEvent>(Parse("""
            {"event":"EVENT","event_ts":1764050400123,"payload":{"account_id":"acc-1","operator":"admin@x.test","operator_id":"op",
             "object":{"id":"u-42","first_name":"Hana","last_name":"Host","email":"host@x.test","type":2}}}
            """.Replace("EVENT", name, StringComparison.Ordinal)));
        Assert.Equal("acc-1", e.AccountId);
        Assert.Equal("u-42", e.UserId);
        Assert.Equal("host@x.test", e.Email);
        Assert.Equal(deleted, e.Deleted);
    }

    [Theory]
    [InlineData("""{"event":"meeting.started","event_ts":1764050400123,"payload":{}}""", "meeting.started")]
    [InlineData("""{"event":"recording.completed"}""", "recording.completed")]
    public void Other_events_are_unknown_but_named(string json, string name) =>
        Assert.Equal(name, Assert.IsType<ZoomUnknownEvent>(Parse(json)).EventName);

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"payload":{}}""")]
    [InlineData("""{"event":"meeting.deleted","payload":{"object":{"id":"abc"}}}""")]
    [InlineData("""{"event":"meeting.deleted","payload":{}}""")]
    [InlineData("""{"event":"endpoint.url_validation","payload":{}}""")]
    [InlineData("""{"event":"app_deauthorized","payload":{"user_id":"u"}}""")]
    [InlineData("""{"event":"user.deactivated","payload":{"account_id":"acc","object":{}}}""")]
    public void Malformed_bodies_are_reported_not_thrown(string json) =>
        Assert.IsType<ZoomMalformedEvent>(Parse(json));
}
