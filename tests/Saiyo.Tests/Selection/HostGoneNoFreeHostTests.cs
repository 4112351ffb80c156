using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// Zoom deletes a pool host that hosts two 日程 of one イベント while the pool is busy at one of their times: the 日程 with a
/// free host moves (its applicant gets one mail with the new link); the other shows 発行失敗 saying why and what to do, its
/// applicant keeps the booking and is told once that the link follows. A repeated delivery changes nothing. A host added to
/// the pool issues it again, and its applicant gets exactly one more mail, with the new link.
/// </summary>
public sealed class HostGoneNoFreeHostTests : IAsyncLifetime
{
    private const string Booked = "ご予約を承りました", LinkChanged = "参加URLが変更されました", Follows = "準備ができ次第お知らせします";
    private const string Reason = "この時間に空いている別のホストがいないため、ミーティングを発行できません。";
    private const string Host3 = "host3@sandbox.zoom.test";
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_deleted_pool_host_moves_what_can_move_and_fails_the_rest_with_one_mail_each_and_a_new_host_issues_it_again()
    {
        var eventId = await _w.Admin.AddPoolEventAsync(_w.MeetingId, "プール面接", MeetingWorld.Host1, MeetingWorld.Host2);
        var date = _w.Day(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // 10:00 × 2 takes both hosts at that time; 11:00 has one.
        var page = await CreateAsync(eventId, date, "10:00", "10:30", parallel: 2);
        var ten = Rows(page, eventId);
        page = await CreateAsync(eventId, date, "11:00", "11:30", parallel: 1);
        var eleven = Assert.Single(Rows(page, eventId).Except(ten));
        foreach (var id in ten.Append(eleven)) page = await _w.RowStateAsync(id, "Issued", seconds: 60);
        page = await _w.SettingsAsync();
        var gone = HostEmail(page, eleven);
        var stuck = Assert.Single(ten, id => HostEmail(page, id) == gone);
        var kept = Assert.Single(ten, id => id != stuck);
        var keptUrl = JoinUrl(page, kept);
        var stuckUrl = JoinUrl(page, stuck);

        const string stuckEmail = "nofree.stuck@example.test", movedEmail = "nofree.moved@example.test";
        var (a1, link1) = await _w.InvitedApplicantAsync("森 結衣", stuckEmail);
        Assert.Equal("booked", ApplicantSetup.Outcome(await a1.BookAsync(link1, stuck)));
        var (a2, link2) = await _w.InvitedApplicantAsync("松本 蓮", movedEmail);
        Assert.Equal("booked", ApplicantSetup.Outcome(await a2.BookAsync(link2, eleven)));
        await Applicants.BookingLinkTests.MailAsync(_w.World, stuckEmail, Booked, 60);
        await Applicants.BookingLinkTests.MailAsync(_w.World, movedEmail, Booked, 60);

        var goneId = await _w.UserIdAsync(gone);
        var deleted = await _w.World.SandboxPostAsync($"users/{gone}/delete");
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());

        // The 11:00 moves to the other host, with one mail carrying its new link.
        page = await _w.RowStateAsync(stuck, "Failed", seconds: 60);
        await ZoomWorld.EventuallyAsync(async () =>
        {
            page = await _w.SettingsAsync();
            return SelectionSetup.MeetingState(page, eleven) == "Issued" && HostEmail(page, eleven) != gone;
        }, "the 11:00 日程 issued on the other host", seconds: 120);
        var movedUrl = JoinUrl(page, eleven);
        var movedMail = await Applicants.BookingLinkTests.MailAsync(_w.World, movedEmail, LinkChanged, 60);
        Assert.Contains(movedUrl, movedMail.TextBody!, StringComparison.Ordinal);

        // The 10:00 says 発行失敗, why, and what to do; its applicant is told once the old link is gone and the new one follows.
        var row = SelectionSetup.Row(page, stuck)!.TextContent;
        Assert.Contains(Reason, row);
        Assert.Contains("ホストプール", row);
        Assert.Contains("再試行", row);
        var follows = await Applicants.BookingLinkTests.MailAsync(_w.World, stuckEmail, LinkChanged, 60);
        Assert.Contains(Follows, follows.TextBody!);
        Assert.DoesNotContain(stuckUrl, follows.TextBody!, StringComparison.Ordinal);
        // The other 10:00 is untouched.
        Assert.Equal("Issued", SelectionSetup.MeetingState(page, kept));
        Assert.Equal(keptUrl, JoinUrl(page, kept));

        // Zoom delivers the event again: nothing changes, nobody is mailed again (counted after the next step's mails).
        var accountId = (await _w.World.SandboxStateAsync())["installations"]![0]!["account_id"]!.GetValue<string>();
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["event"] = "user.deleted", ["event_ts"] = 2,
            ["payload"] = new System.Text.Json.Nodes.JsonObject { ["account_id"] = accountId, ["object"] = new System.Text.Json.Nodes.JsonObject { ["id"] = goneId, ["email"] = gone } },
        };
        using (var again = await _w.World.PostWebhookAsync(body.ToJsonString()))
            Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
        page = await _w.SettingsAsync();
        Assert.Equal("Failed", SelectionSetup.MeetingState(page, stuck));
        Assert.Equal("Issued", SelectionSetup.MeetingState(page, eleven));
        Assert.Equal(movedUrl, JoinUrl(page, eleven));

        // The team adds a host to the pool: the 10:00 is issued on it, and its applicant gets one mail with the new link.
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{eventId}");
        SelectionSetup.TickPool(form, [.. new[] { MeetingWorld.Host1, MeetingWorld.Host2 }.Where(h => h != gone), Host3]);
        var saved = await _w.Admin.SubmitAsync(form);
        Assert.True(saved.Path == _w.SettingsUrl, $"{saved.Path}: {string.Join(" | ", saved.Errors)}");
        page = await _w.RowStateAsync(stuck, "Issued", seconds: 60);
        Assert.Equal(Host3, HostEmail(page, stuck));
        var newUrl = JoinUrl(page, stuck);
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(
            ApplicantSetup.MailsTo(_w.World.Smtp, stuckEmail).Any(m => (m.TextBody ?? "").Contains(newUrl, StringComparison.Ordinal))),
            "the mail with the 10:00's new link", seconds: 60);
        await _w.MeetingsEventuallyAsync(stuck, 1);
        var sandbox = await _w.World.SandboxStateAsync();
        Assert.All(SelectionSetup.LiveMeetings(sandbox), m => Assert.NotEqual(goneId, m["host_id"]!.GetValue<string>()));
        MeetingWorld.AssertNoHostClash(sandbox);
        // One mail per applicant per change (besides the invitation's マイページのご案内): booked, "follows", the link; booked, the new link.
        List<string> About(string to) => [.. ApplicantSetup.MailsTo(_w.World.Smtp, to).Select(m => m.Subject ?? "").Where(x => !x.Contains("マイページ", StringComparison.Ordinal))];
        Assert.True(About(stuckEmail).Count == 3, string.Join(" | ", About(stuckEmail)));
        Assert.True(About(movedEmail).Count == 2, string.Join(" | ", About(movedEmail)));
    }

    [Fact]
    public async Task A_pool_schedule_left_without_a_free_host_keeps_saying_so_when_an_unrelated_edit_touches_it()
    {
        var eventId = await _w.Admin.AddPoolEventAsync(_w.MeetingId, "プール面接", MeetingWorld.Host1, MeetingWorld.Host2);
        var date = _w.Day(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ten = Rows(await CreateAsync(eventId, date, "10:00", "10:30", parallel: 2), eventId);
        foreach (var id in ten) await _w.RowStateAsync(id, "Issued", seconds: 60);
        var page = await _w.SettingsAsync();
        var stuck = ten[0];
        var deleted = await _w.World.SandboxPostAsync($"users/{HostEmail(page, stuck)}/delete");
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        Assert.Contains(Reason, SelectionSetup.Row(await _w.RowStateAsync(stuck, "Failed", seconds: 60), stuck)!.TextContent);

        // Renaming the 選考会 makes every 日程 due (their topics carry the name): Zoom refuses the removed host (1001), and the
        // row still says what a pool needs (a free host, then 「再試行」), not to pick another user in 「Zoomユーザ選択」.
        var renamed = await _w.Admin.SubmitAsync($"/SelectionMeetings/{_w.MeetingId}", new Dictionary<string, string> { ["Input.Name"] = "一次面接（改）" });
        Assert.Equal("/SelectionMeetings", renamed.Path);
        var row = SelectionSetup.Row(await _w.RowStateAsync(stuck, "Failed", seconds: 60), stuck)!.TextContent;
        Assert.Contains(Reason, row);
        Assert.Contains("再試行", row);
    }

    private async Task<HtmlPage> CreateAsync(Guid eventId, string date, string start, string end, int parallel)
    {
        var page = await _w.Admin.SubmitAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = date, ["Input.StartTime"] = start, ["Input.EndTime"] = end, ["Input.Capacity"] = "1",
            ["Input.Shown"] = "true", ["Input.Parallel"] = parallel.ToString(CultureInfo.InvariantCulture),
        });
        Assert.True(page.Path == _w.SettingsUrl, $"{page.Path}: {string.Join(" | ", page.Errors)}");
        return page;
    }

    private static List<Guid> Rows(HtmlPage page, Guid eventId) =>
        [.. page.Document.QuerySelectorAll($"section[data-event-id='{eventId}'] tr[data-schedule-id]").Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!))];

    private static string HostEmail(HtmlPage page, Guid id) =>
        System.Text.RegularExpressions.Regex.Match(SelectionSetup.Row(page, id)!.QuerySelector(".pool-host")!.TextContent, @"\(([^()]+@[^()]+)\)").Groups[1].Value;

    private static string JoinUrl(HtmlPage page, Guid id) => SelectionSetup.Row(page, id)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
}
