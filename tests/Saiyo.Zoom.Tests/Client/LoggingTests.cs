using System.Net;
using static Saiyo.Zoom.Tests.Client.ZoomClientHarness;

namespace Saiyo.Zoom.Tests.Client;

public sealed class LoggingTests
{
    [Fact]
    public async Task No_token_secret_passcode_or_start_url_reaches_the_logs()
    {
        using var zoom = new ZoomClientHarness();
        zoom.Handler
            .Respond(HttpStatusCode.OK, """{"access_token":"SECRET-ACCESS","refresh_token":"SECRET-REFRESH","expires_in":3599,"scope":"s"}""")
            .Respond(HttpStatusCode.BadRequest, """{"reason":"Invalid Token!","error":"invalid_grant"}""")
            .Respond(HttpStatusCode.OK, """{"status":"success"}""")
            .Respond(HttpStatusCode.Unauthorized, """{"code":124,"message":"Invalid access token."}""")
            .Respond(HttpStatusCode.Created, ApiClientTests.MeetingJson)
            .Respond(HttpStatusCode.ServiceUnavailable)
            .Respond(HttpStatusCode.OK, ApiClientTests.MeetingJson);

        await zoom.OAuth.ExchangeCodeAsync("SECRET-CODE", "SECRET-VERIFIER", Ct);
        await zoom.OAuth.RefreshAsync("SECRET-OLD-REFRESH", Ct);
        await zoom.OAuth.RevokeAsync("SECRET-REVOKED", Ct);
        await zoom.Api.CreateMeetingAsync(ConnectionKey, "host-1", ApiClientTests.Request() with { Passcode = "SECRETPW" }, Ct);
        var meeting = await zoom.Api.GetMeetingAsync(ConnectionKey, 85746065123, Ct);
        Assert.True(meeting.IsSuccess);

        Assert.NotEmpty(zoom.Logs.Lines);
        var secrets = new[]
        {
            "SECRET", "client-secret", "access-1", "access-2", "zak=", "abc123", Convert.ToBase64String("client-id:client-secret"u8),
        };
        var leaks = zoom.Logs.Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }
}
