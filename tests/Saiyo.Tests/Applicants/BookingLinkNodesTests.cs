using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>Two Saiyo nodes run the booking link worker against one database: every link mail goes out exactly once.</summary>
public sealed class BookingLinkNodesTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(nodes: 2);
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Two_nodes_mail_each_applicant_one_link_ready_and_one_link_changed()
    {
        Assert.True((await _w.World.SandboxPutFaultAsync("meetings.create", """{"force_429":"Daily-limit","count":1}""")).IsSuccessStatusCode);
        var created = await _w.Admin.CreateScheduleAsync(_w.EventId, _w.Day(3), "10:00", "11:00", capacity: 4, acceptWarnings: true);
        var schedule = SelectionSetup.ScheduleId(created, _w.Day(3), "10:00", "11:00");
        await _w.RowStateAsync(schedule, "Waiting");

        var emails = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var email = $"node-applicant{i}@example.test";
            var id = await _w.Admin.CreateApplicantAsync($"応募者 {i}", email);
            await _w.Admin.InviteAsync(id, _w.MeetingId);
            var link = await _w.Admin.SendMyPageLinkAsync(id);
            var applicant = _w.World.Browser(node: i % 2); // the balancer spreads them over both nodes
            Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));
            emails.Add(email);
        }

        // Every booking mail delivered and recorded first: a day's jump of the shared clock in the middle of a send would
        // expire the sending node's claim and let the other node send it again (a test artifact, not a link mail).
        foreach (var email in emails) await BookingLinkTests.MailAsync(_w.World, email, "ご予約を承りました", seconds: 90);
        await _w.World.SettledAsync();
        _w.World.Clock.Advance(TimeSpan.FromHours(25)); // the host's quota is back: the meeting is issued
        foreach (var email in emails) await BookingLinkTests.MailAsync(_w.World, email, "参加URLのご案内", seconds: 90);

        Assert.Equal("/", (await _w.Admin.SignInAsync(Demo.AdminEmail)).Path); // a day later the staff session has ended
        var edit = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(edit, new Dictionary<string, string> { ["Input.HostExternalUserId"] = SelectionSetup.HostOption(edit, MeetingWorld.Host2), ["Input.ConfirmImpact"] = "true" })).Path);
        foreach (var email in emails) await BookingLinkTests.MailAsync(_w.World, email, "参加URLが変更されました", seconds: 90);

        await _w.World.SettledAsync(); // both nodes quiet
        foreach (var email in emails)
        {
            var mails = ApplicantSetup.MailsTo(_w.World.Smtp, email).Select(BookingLinkTests.SubjectOf).ToList();
            Assert.Single(mails, s => s.Contains("ご予約を承りました", StringComparison.Ordinal));
            Assert.Single(mails, s => s.Contains("参加URLのご案内", StringComparison.Ordinal));
            Assert.Single(mails, s => s.Contains("参加URLが変更されました", StringComparison.Ordinal));
        }
    }
}

/// <summary>
/// Two nodes follow up a booking whose personal join link needs a registration at Zoom slower than a node's claim
/// (claim 4 s, registration 12 s): the claim is renewed while the call runs, so the applicant is registered and mailed once.
/// </summary>
public sealed class BookingLinkSlowZoomTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() =>
        _w = await MeetingWorld.StartAsync(nodes: 2, settings: s => s["Applicants:Links:ClaimDuration"] = "00:00:04");
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_registration_slower_than_the_claim_is_sent_and_mailed_once()
    {
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.PersonalJoinLinks"] = "true" })).Path);
        // The meeting waits for the host's quota, so the booking is confirmed with "the link follows".
        Assert.True((await _w.World.SandboxPutFaultAsync("meetings.create", """{"force_429":"Daily-limit","count":1}""")).IsSuccessStatusCode);
        var created = await _w.Admin.CreateScheduleAsync(_w.EventId, _w.Day(3), "10:00", "11:00", capacity: 2, acceptWarnings: true);
        var schedule = SelectionSetup.ScheduleId(created, _w.Day(3), "10:00", "11:00");
        await _w.RowStateAsync(schedule, "Waiting");

        const string email = "slow-registration@example.test";
        var id = await _w.Admin.CreateApplicantAsync("遅延 花子", email);
        await _w.Admin.InviteAsync(id, _w.MeetingId);
        var link = await _w.Admin.SendMyPageLinkAsync(id);
        Assert.Equal("booked", ApplicantSetup.Outcome(await _w.World.Browser().BookAsync(link, schedule)));
        await BookingLinkTests.MailAsync(_w.World, email, "ご予約を承りました", seconds: 90);

        // Two slow answers armed: a second registration by the other node would use the second one.
        Assert.True((await _w.World.SandboxPutFaultAsync("registrants.create", """{"latency_ms":12000,"count":2}""")).IsSuccessStatusCode);
        await _w.World.SettledAsync(); // the mails recorded: the day's jump below must not land in the middle of a send
        _w.World.Clock.Advance(TimeSpan.FromHours(25));
        await BookingLinkTests.MailAsync(_w.World, email, "参加URLのご案内", seconds: 90);

        Assert.Single(BookingLinkTests.Registrants(await _w.World.SandboxStateAsync(), email));
        var faults = System.Text.Json.Nodes.JsonNode.Parse(await _w.World.SandboxControl.GetStringAsync(_w.World.SandboxUrl + "/_sandbox/faults"))!.AsObject();
        Assert.Equal(1, faults["registrants.create"]?["count"]?.GetValue<int>());
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => (m.Subject ?? "").Contains("参加URLのご案内", StringComparison.Ordinal));
    }
}
