using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// Zoom deactivates the one host of a (non-pool) イベント: there is no other user to move to, so its coming 日程 show 発行失敗
/// saying what happened and what to do; a 日程 created after that says the same rather than Zoom's raw refusal. The recruiter
/// picks another user in 予約動作設定: every 日程 is issued again on that user and the booked applicant gets one mail with the
/// new link.
/// </summary>
public sealed class SingleHostGoneTests : IAsyncLifetime
{
    private const string Booked = "ご予約を承りました", LinkChanged = "参加URLが変更されました";
    private const string Reason = "このZoomユーザ（開催ユーザ）はZoomで無効化または削除されたため、ミーティングを発行できません。";
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_deactivated_single_host_fails_the_coming_schedules_with_what_to_do_and_another_user_issues_them_again()
    {
        var day = _w.Day(2);
        var booked = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "10:00", "10:30");
        var free = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "11:00", "11:30");
        await _w.RowStateAsync(booked, "Issued", seconds: 60);
        await _w.RowStateAsync(free, "Issued", seconds: 60);
        const string email = "riku.hostgone@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("北村 陸", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, booked)));
        await Applicants.BookingLinkTests.MailAsync(_w.World, email, Booked, 60);

        var deactivated = await _w.World.SandboxPostAsync($"users/{MeetingWorld.Host1}/deactivate");
        Assert.True(deactivated.IsSuccessStatusCode, await deactivated.Content.ReadAsStringAsync());
        await _w.RowStateAsync(booked, "Failed", seconds: 60);
        var page = await _w.RowStateAsync(free, "Failed", seconds: 60);
        foreach (var id in new[] { booked, free })
        {
            var row = SelectionSetup.Row(page, id)!.TextContent;
            Assert.Contains(Reason, row);
            Assert.Contains("予約動作設定", row);
        }
        // Created after the deactivation: Zoom refuses the user, and the row says the same plain reason.
        var later = await _w.Admin.CreateShownScheduleAsync(_w.EventId, day, "13:00", "13:30");
        Assert.Contains(Reason, SelectionSetup.Row(await _w.RowStateAsync(later, "Failed", seconds: 60), later)!.TextContent);

        // Another user in 予約動作設定 (the booked applicant is named first): all three are issued on host2.
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{_w.EventId}");
        var host2 = SelectionSetup.HostOption(form, MeetingWorld.Host2);
        var impact = await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.HostExternalUserId"] = host2 });
        Assert.Contains("北村 陸", impact.Text);
        var saved = await _w.Admin.SubmitAsync(impact, new Dictionary<string, string> { ["Input.HostExternalUserId"] = host2, ["Input.ConfirmImpact"] = "true" });
        Assert.True(saved.Path == _w.SettingsUrl, $"{saved.Path}: {string.Join(" | ", saved.Errors)}");
        var host2Id = await _w.UserIdAsync(MeetingWorld.Host2);
        foreach (var id in new[] { booked, free, later })
        {
            await _w.RowStateAsync(id, "Issued", seconds: 60);
            await _w.MeetingsEventuallyAsync(id, 1, m => m["host_id"]!.GetValue<string>() == host2Id);
        }
        var newUrl = SelectionSetup.Row(await _w.SettingsAsync(), booked)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        var mail = await Applicants.BookingLinkTests.MailAsync(_w.World, email, LinkChanged, 60);
        Assert.Contains(newUrl, mail.TextBody!, StringComparison.Ordinal);
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal));
    }
}
