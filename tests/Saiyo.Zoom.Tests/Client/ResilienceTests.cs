using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using static Saiyo.Zoom.Tests.Client.ZoomClientHarness;

namespace Saiyo.Zoom.Tests.Client;

/// <summary>What is retried, what is not, and what the caller is told — through the real resilience pipeline.</summary>
public sealed class ResilienceTests
{
    private const string RateLimited = """{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}""";
    private const string DailyLimit = """{"code":429,"message":"You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00."}""";

    private static Action<HttpResponseMessage> Qps(TimeSpan? retryAfter) => r =>
    {
        r.Headers.Add("X-RateLimit-Type", "QPS");
        r.Headers.Add("X-RateLimit-Category", "Light");
        if (retryAfter is { } wait)
        {
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        }
    };

    private static void Daily(HttpResponseMessage r)
    {
        r.Headers.Add("X-RateLimit-Type", "Daily-limit");
        r.Headers.Add("X-RateLimit-Limit", "100");
        r.Headers.Add("X-RateLimit-Remaining", "0");
    }

    [Fact]
    public async Task Qps_429_with_Retry_After_is_retried_after_waiting()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.TooManyRequests, RateLimited, Qps(TimeSpan.FromSeconds(1)))
            .Respond(HttpStatusCode.OK, ApiClientTests.MeetingJson);

        var clock = Stopwatch.StartNew();
        var result = await zoom.Api.GetMeetingAsync(ConnectionKey, 85746065123, Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2, zoom.Handler.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task Qps_429_on_a_create_is_retried_because_Zoom_rejected_it_unprocessed()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.TooManyRequests, RateLimited, Qps(null))
            .Respond(HttpStatusCode.Created, ApiClientTests.MeetingJson);

        var result = await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", ApiClientTests.Request(), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task Qps_429_that_persists_is_RateLimited_with_the_wait()
    {
        using var zoom = new ZoomClientHarness(o => o.Resilience.MaxRetryAttempts = 2);
        for (var i = 0; i < 3; i++)
        {
            zoom.Handler.Respond(HttpStatusCode.TooManyRequests, RateLimited, Qps(TimeSpan.Zero));
        }

        var result = await zoom.Api.ListUsersAsync(ConnectionKey, Ct);

        Assert.Equal(ZoomErrorKind.RateLimited, result.Error?.Kind);
        Assert.Equal(TimeSpan.Zero, result.Error?.RetryAfter);
        Assert.Equal(3, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task Qps_429_asking_for_a_longer_wait_than_the_cap_is_handed_to_the_caller_without_waiting()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.TooManyRequests, RateLimited, Qps(TimeSpan.FromSeconds(30)));

        var result = await zoom.Api.GetMeAsync(ConnectionKey, Ct);

        Assert.Equal(ZoomErrorKind.RateLimited, result.Error?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Error?.RetryAfter);
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task Daily_limit_429_is_not_retried_and_resumes_at_the_next_utc_midnight()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 23, 10, 0, TimeSpan.FromHours(9)));
        using var zoom = new ZoomClientHarness(time: time);
        zoom.Handler.Respond(HttpStatusCode.TooManyRequests, DailyLimit, Daily);

        var result = await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", ApiClientTests.Request(), Ct);

        Assert.Equal(ZoomErrorKind.DailyLimitReached, result.Error?.Kind);
        // 23:10 JST is 14:10 UTC on the 25th: the quota returns at 00:00 UTC on the 26th.
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), result.Error?.ResumesAtUtc);
        Assert.Equal(TimeSpan.FromMinutes(590), result.Error?.RetryAfter);
        Assert.Contains("00:00 UTC", result.Error?.Message, StringComparison.Ordinal);
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task Daily_limit_on_an_update_is_not_retried_either()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.TooManyRequests, DailyLimit, Daily);

        var result = await zoom.Api.UpdateMeetingAsync(ConnectionKey, 1, ApiClientTests.Request(), Ct);

        Assert.Equal(ZoomErrorKind.DailyLimitReached, result.Error?.Kind);
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task Server_errors_on_a_get_are_retried_then_reported_as_transient()
    {
        using var zoom = new ZoomClientHarness(o => o.Resilience.MaxRetryAttempts = 2);
        zoom.Handler
            .Respond(HttpStatusCode.BadGateway)
            .Respond(HttpStatusCode.ServiceUnavailable)
            .Respond(HttpStatusCode.InternalServerError, """{"code":500,"message":"Internal error"}""");

        var result = await zoom.Api.GetMeetingAsync(ConnectionKey, 1, Ct);

        Assert.Equal(ZoomErrorKind.Transient, result.Error?.Kind);
        Assert.Equal(500, result.Error?.HttpStatus);
        Assert.Equal(3, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_server_error_on_a_get_followed_by_success_succeeds()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.ServiceUnavailable)
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"))
            .Respond(HttpStatusCode.OK, ApiClientTests.MeetingJson);

        var result = await zoom.Api.GetMeetingAsync(ConnectionKey, 1, Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(3, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_get_that_times_out_is_retried()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Hang().Respond(HttpStatusCode.OK, ApiClientTests.MeetingJson);

        var result = await zoom.Api.GetMeetingAsync(ConnectionKey, 1, Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2, zoom.Handler.Requests.Count);
    }

    public static TheoryData<string> LostCreateResponses => ["500", "503", "timeout", "dropped"];

    [Theory]
    [MemberData(nameof(LostCreateResponses))]
    public async Task A_create_whose_response_is_lost_is_sent_exactly_once_and_reported_as_an_unknown_outcome(string failure)
    {
        using var zoom = new ZoomClientHarness();
        _ = failure switch
        {
            "timeout" => zoom.Handler.Hang(),
            "dropped" => zoom.Handler.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.")),
            _ => zoom.Handler.Respond((HttpStatusCode)int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture)),
        };

        var result = await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", ApiClientTests.Request(), Ct);

        Assert.Equal(ZoomErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task After_an_unknown_create_outcome_the_caller_reconciles_by_tag_instead_of_creating_twice()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.GatewayTimeout)
            .Respond(HttpStatusCode.OK, """{"meetings":[{"id":85746065123,"agenda":"[ref:sched-42]\nFirst interview"}]}""");

        var create = await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", ApiClientTests.Request(), Ct);
        Assert.Equal(ZoomErrorKind.OutcomeUnknown, create.Error?.Kind);
        var found = await zoom.Api.FindMeetingByTagAsync(ConnectionKey, "host-1", "sched-42", Ct);

        Assert.Equal(85746065123, found.Value?.Id);
        Assert.Equal(1, zoom.Handler.Requests.Count(r => r.Method == HttpMethod.Post));
    }

    [Fact]
    public async Task A_create_that_could_not_connect_was_never_sent_so_it_is_retried_and_then_transient()
    {
        using var zoom = new ZoomClientHarness(o => o.Resilience.MaxRetryAttempts = 1);
        zoom.Handler
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        var result = await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", ApiClientTests.Request(), Ct);

        Assert.Equal(ZoomErrorKind.Transient, result.Error?.Kind);
        Assert.Equal(2, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_registrant_whose_response_is_lost_is_sent_once()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.BadGateway);

        var result = await zoom.Api.AddRegistrantAsync(ConnectionKey, 1, "a@x.example", "A", null, Ct);

        Assert.Equal(ZoomErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task An_update_is_idempotent_so_a_server_error_is_retried()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.InternalServerError).Respond(HttpStatusCode.NoContent);

        var result = await zoom.Api.UpdateMeetingAsync(ConnectionKey, 1, ApiClientTests.Request(), Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2, zoom.Handler.Requests.Count);
        Assert.Equal(zoom.Handler.Requests[0].Body, zoom.Handler.Requests[1].Body);
    }

    [Fact]
    public async Task Retry_After_given_as_a_date_is_honoured()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.TooManyRequests, RateLimited, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(60)))
            .Respond(HttpStatusCode.OK, ApiClientTests.MeetingJson);

        var result = await zoom.Api.GetMeetingAsync(ConnectionKey, 1, Ct);

        // 60 s exceeds MaxRetryAfter (2 s in the harness): handed to the caller instead of blocking.
        Assert.Equal(ZoomErrorKind.RateLimited, result.Error?.Kind);
        Assert.InRange(result.Error!.RetryAfter!.Value, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(61));
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task An_update_still_failing_after_retries_is_transient_because_repeating_it_is_safe()
    {
        using var zoom = new ZoomClientHarness(o => o.Resilience.MaxRetryAttempts = 1);
        zoom.Handler
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"))
            .Respond(HttpStatusCode.BadGateway);

        var result = await zoom.Api.UpdateMeetingAsync(ConnectionKey, 1, ApiClientTests.Request(), Ct);

        Assert.Equal(ZoomErrorKind.Transient, result.Error?.Kind);
        Assert.Equal(2, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_token_exchange_that_could_not_connect_is_retried_because_the_code_was_never_sent()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .Respond(HttpStatusCode.OK, """{"access_token":"a","refresh_token":"r","expires_in":3599,"scope":"s"}""");

        var result = await zoom.OAuth.ExchangeCodeAsync("code", "verifier", Ct);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2, zoom.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_token_endpoint_5xx_is_not_resent()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Respond(HttpStatusCode.InternalServerError);

        var result = await zoom.OAuth.RefreshAsync("refresh", Ct);

        Assert.Equal(ZoomErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Single(zoom.Handler.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_swallowed()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler.Hang();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => zoom.Api.GetMeAsync(ConnectionKey, cts.Token));
    }
}
