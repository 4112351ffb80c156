using Saiyo.Zoom.Tests.Sandbox;

namespace Saiyo.Zoom.Tests.Integration;

/// <summary>Personal join links against the sandbox: a lost add found again by email, cancel, and registration not enabled.</summary>
public sealed class RegistrantIntegrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<long> RegistrationMeetingAsync(ZoomIntegration z, bool registration = true)
    {
        var hostId = await z.UserIdAsync("host1@sandbox.zoom.test");
        var created = await z.Api.CreateMeetingAsync(ZoomIntegration.Key, hostId, new ZoomMeetingRequest
        {
            Topic = "一次面接", StartUtc = z.Clock.GetUtcNow().AddDays(2), Duration = 30, TimeZoneId = "Asia/Tokyo", RegistrationRequired = registration,
        }, None);
        Assert.True(created.IsSuccess, created.ToString());
        return created.Value.Id;
    }

    private static List<System.Text.Json.Nodes.JsonObject> Registrants(ZoomIntegration z, long meetingId) =>
        [.. z.Snapshot()["registrants"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["meeting_id"]!.GetValue<long>() == meetingId)];

    [Fact]
    public async Task An_add_whose_response_is_lost_is_OutcomeUnknown_and_found_by_email_instead_of_added_twice()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var id = await RegistrationMeetingAsync(z);
        await z.Sandbox.SetFaultAsync("registrants.create", new { drop_after_commit_rate = 1.0, count = 1 });

        var lost = await z.Api.AddRegistrantAsync(ZoomIntegration.Key, id, "taro@example.com", "太郎", "山田", None);
        Assert.Equal(ZoomErrorKind.OutcomeUnknown, lost.Error?.Kind);
        Assert.Single(z.WireFor("/registrants"), w => w.Method == "POST"); // never resent

        var found = await z.Api.FindRegistrantByEmailAsync(ZoomIntegration.Key, id, "TARO@example.com", None);
        Assert.True(found.IsSuccess, found.ToString());
        var atZoom = Assert.Single(Registrants(z, id));
        Assert.Equal(atZoom["id"]!.GetValue<string>(), found.Value!.RegistrantId);
        Assert.Contains("tk=", found.Value.JoinUrl, StringComparison.Ordinal);
        Assert.Null((await z.Api.FindRegistrantByEmailAsync(ZoomIntegration.Key, id, "hanako@example.com", None)).Value);
    }

    [Fact]
    public async Task A_cancelled_registrant_leaves_the_approved_list_and_its_personal_link_stops_working()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var id = await RegistrationMeetingAsync(z);
        var added = await z.Api.AddRegistrantAsync(ZoomIntegration.Key, id, "taro@example.com", "太郎", null, None);
        Assert.True(added.IsSuccess, added.ToString());

        var cancelled = await z.Api.CancelRegistrantAsync(ZoomIntegration.Key, id, added.Value.RegistrantId, "taro@example.com", None);
        Assert.True(cancelled.IsSuccess, cancelled.ToString());
        Assert.Equal("cancelled", Assert.Single(Registrants(z, id))["status"]!.GetValue<string>());
        Assert.True((await z.Api.CancelRegistrantAsync(ZoomIntegration.Key, id, added.Value.RegistrantId, null, None)).IsSuccess); // again: no change
        Assert.Empty((await z.Api.ListRegistrantsAsync(ZoomIntegration.Key, id, "approved", None)).Value);
        Assert.Equal("denied", Assert.Single((await z.Api.ListRegistrantsAsync(ZoomIntegration.Key, id, "denied", None)).Value).Status);
        var statePage = await z.Sandbox.Http.GetStringAsync(z.Sandbox.BaseUrl + "/");
        Assert.Contains($"<tr data-registrant-id=\"{added.Value.RegistrantId}\"><td>{id}</td><td>taro@example.com</td><td>太郎</td><td class=\"status\">cancelled</td>", statePage, StringComparison.Ordinal);

        using var applicant = SandboxHost.Browser();
        var join = await applicant.GetStringAsync(added.Value.JoinUrl);
        using var refused = await SandboxHost.SubmitAsync(applicant, join, ">Join<", ("name", "太郎"), ("email", "taro@example.com"));
        Assert.Contains("cancelled", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Registering again after a cancel gives a new registrant, not the cancelled one.
        var again = await z.Api.AddRegistrantAsync(ZoomIntegration.Key, id, "taro@example.com", "太郎", null, None);
        Assert.NotEqual(added.Value.RegistrantId, again.Value.RegistrantId);

        // The meeting gone: nothing left to cancel, which is done.
        Assert.True((await z.Api.DeleteMeetingAsync(ZoomIntegration.Key, id, None)).IsSuccess);
        var gone = await z.Api.CancelRegistrantAsync(ZoomIntegration.Key, id, again.Value.RegistrantId, null, None);
        Assert.True(gone.IsSuccess && gone.AlreadyGone, gone.ToString());
    }

    [Fact]
    public async Task A_meeting_without_registration_refuses_registrant_calls_with_code_3000()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var id = await RegistrationMeetingAsync(z, registration: false);

        var listed = await z.Api.FindRegistrantByEmailAsync(ZoomIntegration.Key, id, "taro@example.com", None);
        Assert.Equal((ZoomErrorKind.BadRequest, 3000), (listed.Error?.Kind, listed.Error?.ZoomCode));
        var cancelled = await z.Api.CancelRegistrantAsync(ZoomIntegration.Key, id, "nobody", null, None);
        Assert.Equal((ZoomErrorKind.BadRequest, 3000), (cancelled.Error?.Kind, cancelled.Error?.ZoomCode));
        var missing = await z.Api.ListRegistrantsAsync(ZoomIntegration.Key, 12345678901, "approved", None);
        Assert.Equal((ZoomErrorKind.NotFound, 3001), (missing.Error?.Kind, missing.Error?.ZoomCode));
    }

    [Fact]
    public async Task Registrant_status_counts_as_Medium_and_a_forced_QPS_429_is_retried()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        var id = await RegistrationMeetingAsync(z);
        var added = await z.Api.AddRegistrantAsync(ZoomIntegration.Key, id, "taro@example.com", "太郎", null, None);
        await z.Sandbox.SetFaultAsync("medium", new { force_429 = "QPS", count = 1 });

        var cancelled = await z.Api.CancelRegistrantAsync(ZoomIntegration.Key, id, added.Value.RegistrantId, null, None);

        Assert.True(cancelled.IsSuccess, cancelled.ToString());
        Assert.Equal(new int?[] { 429, 204 }, z.WireFor("/registrants/status").Select(w => w.Status));
    }
}
