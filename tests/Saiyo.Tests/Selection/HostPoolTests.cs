using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// A ホストプール of ten Zoom users on two nodes: one 一括作成 of 40 parallel 日程 (four times × 「同時に開催する枠数」 10)
/// lands at the sandbox as 40 meetings, one per 日程, four per host, no host with two at any instant; then two staff on
/// the two nodes save 6 parallel 日程 at the same moment for the same time: one save gets six free hosts, the other is
/// refused before anything is saved (four hosts left), and still no host has two meetings at once.
/// </summary>
public sealed class HostPoolNodesTests : IAsyncLifetime
{
    private static readonly string[] Hosts = [.. Enumerable.Range(1, 10).Select(i => $"host{i}@sandbox.zoom.test")];
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(nodes: 2);
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Forty_parallel_schedules_on_ten_hosts_and_two_saves_at_once_never_put_two_meetings_on_one_host()
    {
        await _w.AddZoomUsersAsync([.. Hosts.Skip(3)]);
        var eventId = await _w.Admin.AddPoolEventAsync(_w.MeetingId, "並行Web面接", Hosts);
        var day = _w.Day(2);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Series");
        var preview = await _w.Admin.ClickAsync(form, "プレビュー", new Dictionary<string, string>
        {
            ["Input.DateFrom"] = date, ["Input.DateTo"] = date, ["Input.Days"] = day.DayOfWeek.ToString(),
            ["Input.FromTime"] = "10:00", ["Input.ToTime"] = "12:00", ["Input.IntervalMinutes"] = "30", ["Input.LengthMinutes"] = "30",
            ["Input.Parallel"] = "10",
        });
        Assert.Empty(preview.Errors);
        var created = await _w.Admin.ClickAsync(preview, "40件の日程を作成");
        Assert.Equal(_w.SettingsUrl, created.Path);
        var ids = Ids(created, eventId);
        Assert.Equal(40, ids.Count);

        // Both nodes issue; the second node's browser sees every row issued.
        var other = _w.World.Browser(node: 1);
        await other.SignInAsync(Demo.AdminEmail);
        await ZoomWorld.EventuallyAsync(async () =>
        {
            var page = await other.GetAsync(_w.SettingsUrl);
            return ids.All(id => SelectionSetup.MeetingState(page, id) == "Issued");
        }, "all 40 issued", seconds: 240);

        var state = await _w.World.SandboxStateAsync();
        Assert.Equal(40, SelectionSetup.LiveMeetings(state).Count);
        foreach (var id in ids) Assert.Single(SelectionSetup.MeetingsOf(state, id, includeDeleted: true)); // 0 duplicates, 0 missing
        var byHost = MeetingWorld.ByHost(state);
        Assert.Equal(10, byHost.Count);
        Assert.All(byHost.Values, meetings => Assert.Equal(4, meetings.Count)); // within the daily quota (100), spread evenly
        MeetingWorld.AssertNoHostClash(state);
        Assert.Empty(state["daily_limit_refusals"]!.AsObject());

        // Two staff, two nodes, the same moment: 6 + 6 parallel 日程 at 14:00 for ten hosts.
        var second = _w.World.Browser(node: 1);
        await second.SignInAsync(Demo.RecruiterEmail);
        Task<HtmlPage> Save(SaiyoClient who) => who.SubmitAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = date, ["Input.StartTime"] = "14:00", ["Input.EndTime"] = "14:30", ["Input.Capacity"] = "1",
            ["Input.Shown"] = "true", ["Input.Parallel"] = "6",
        });
        var pages = await Task.WhenAll(Save(_w.Admin), Save(second));
        Assert.Single(pages, p => p.Path == _w.SettingsUrl);
        var refused = Assert.Single(pages, p => p.Path.EndsWith("/Schedules/Create", StringComparison.Ordinal));
        Assert.Contains("ホストプールに空いているZoomユーザがいない日程が2件あるため、保存していません。", refused.Text);
        Assert.Contains("14:00–14:30: プールのすべてのZoomユーザが、この時間に別のミーティングを開催します。", refused.Text);

        var all = Ids(await _w.SettingsAsync(), eventId);
        Assert.Equal(46, all.Count);
        await ZoomWorld.EventuallyAsync(async () => SelectionSetup.LiveMeetings(await _w.World.SandboxStateAsync()).Count == 46, "46 meetings", seconds: 120);
        state = await _w.World.SandboxStateAsync();
        MeetingWorld.AssertNoHostClash(state);
        foreach (var id in all) Assert.Single(SelectionSetup.MeetingsOf(state, id, includeDeleted: true));
    }

    private static List<Guid> Ids(HtmlPage page, Guid eventId) =>
        [.. page.Document.QuerySelectorAll($"section[data-event-id='{eventId}'] tr[data-schedule-id]").Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!))];
}

/// <summary>
/// Before anything is saved, 日程 that cannot all get a free host from the pool are named with the reason: every host busy
/// at that time, or no daily quota left on the hosts that are free.
/// </summary>
public sealed class HostPoolRefusalTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(dailyHostLimit: 3);
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Schedules_without_a_free_host_are_named_with_the_reason_and_nothing_is_saved()
    {
        var eventId = await _w.Admin.AddPoolEventAsync(_w.MeetingId, "プール面接", MeetingWorld.Host1, MeetingWorld.Host2);
        var day = _w.Day(2);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Task<HtmlPage> Create(string start, string end, int parallel) => _w.Admin.SubmitAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = date, ["Input.StartTime"] = start, ["Input.EndTime"] = end, ["Input.Capacity"] = "1",
            ["Input.Shown"] = "true", ["Input.Parallel"] = parallel.ToString(CultureInfo.InvariantCulture),
        });

        // Three at once on a pool of two: refused, nothing saved.
        var three = await Create("10:00", "10:30", 3);
        Assert.EndsWith("/Schedules/Create", three.Path);
        Assert.Contains("ホストプールに空いているZoomユーザがいない日程が1件あるため、保存していません。", three.Text);
        Assert.Contains("10:00–10:30: プールのすべてのZoomユーザが、この時間に別のミーティングを開催します。", three.Text);
        Assert.Empty(Rows(await _w.SettingsAsync(), eventId));

        // Two at once: one on each host.
        var two = await Create("10:00", "10:30", 2);
        Assert.Equal(_w.SettingsUrl, two.Path);
        var rows = Rows(two, eventId);
        Assert.Equal(2, rows.Count);
        var hosts = rows.Select(r => r.QuerySelector(".pool-host")!.TextContent).ToList();
        Assert.Single(hosts, h => h.Contains(MeetingWorld.Host1, StringComparison.Ordinal));
        Assert.Single(hosts, h => h.Contains(MeetingWorld.Host2, StringComparison.Ordinal));

        // Overlapping both: refused.
        var overlap = await Create("10:15", "10:45", 1);
        Assert.Contains("10:15–10:45: プールのすべてのZoomユーザが、この時間に別のミーティングを開催します。", overlap.Text);
        // Right after them: fine at the sandbox too (a host's meetings may touch).
        var ids = rows.Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!)).ToList();
        foreach (var id in ids) await _w.RowStateAsync(id, "Issued", seconds: 60);

        // Daily quota 3 per host, one used by each: a series of 3 times × 2 needs 6 creates, 4 are left; the last time is named.
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Series");
        var fields = new Dictionary<string, string>
        {
            ["Input.DateFrom"] = date, ["Input.DateTo"] = date, ["Input.Days"] = day.DayOfWeek.ToString(),
            ["Input.FromTime"] = "13:00", ["Input.ToTime"] = "14:30", ["Input.IntervalMinutes"] = "30", ["Input.LengthMinutes"] = "30",
            ["Input.Parallel"] = "2",
        };
        var preview = await _w.Admin.ClickAsync(form, "プレビュー", fields);
        Assert.Contains("ホストプールに空いているZoomユーザがいない日程が2件あるため、保存していません。", preview.Text);
        Assert.Contains("14:00–14:30: この時間に空いているZoomユーザには、本日の発行可能数が残っていません。", preview.Text);
        Assert.DoesNotContain("13:30–14:00: この時間", preview.Text);
        var saved = await _w.Admin.ClickAsync(preview, "6件の日程を作成", fields);
        Assert.EndsWith("/Schedules/Series", saved.Path);
        Assert.Contains("14:00–14:30: この時間に空いているZoomユーザには、本日の発行可能数が残っていません。", saved.Text);
        Assert.Equal(2, Rows(await _w.SettingsAsync(), eventId).Count);
        Assert.Equal(2, SelectionSetup.LiveMeetings(await _w.World.SandboxStateAsync()).Count);
    }

    private static List<AngleSharp.Dom.IElement> Rows(HtmlPage page, Guid eventId) =>
        [.. page.Document.QuerySelectorAll($"section[data-event-id='{eventId}'] tr[data-schedule-id]")];
}

/// <summary>
/// A host leaves the pool. Zoom deactivates a pool host while a series is being issued: the signed <c>user.deactivated</c> moves every coming 日程 on
/// that host to another free host of the pool; at the sandbox nothing is left on the deactivated host, every 日程 has one
/// meeting and no host two at once; the booked applicant gets exactly one mail with the new link. A recruiter takes a user out
/// of the pool in 予約動作設定: the same, for that user's coming 日程.
/// </summary>
public sealed class HostPoolDeactivationTests : IAsyncLifetime
{
    private const string Booked = "ご予約を承りました", LinkChanged = "参加URLが変更されました";
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_deactivated_host_s_coming_schedules_move_to_free_hosts_and_the_booked_applicant_gets_one_mail()
    {
        const string host3 = "host3@sandbox.zoom.test";
        var eventId = await _w.Admin.AddPoolEventAsync(_w.MeetingId, "プール面接", MeetingWorld.Host1, MeetingWorld.Host2, host3);
        var day = _w.Day(2);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var two = await _w.Admin.SubmitAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = date, ["Input.StartTime"] = "10:00", ["Input.EndTime"] = "10:30", ["Input.Capacity"] = "1",
            ["Input.Shown"] = "true", ["Input.Parallel"] = "2",
        });
        var booked = Guid.Parse(Rows(two, eventId)[0].GetAttribute("data-schedule-id")!);
        var issued = await _w.RowStateAsync(booked, "Issued", seconds: 60);
        var firstUrl = SelectionSetup.Row(issued, booked)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        var gone = HostEmail(SelectionSetup.Row(issued, booked)!);
        const string email = "pool.moved@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("池田 湊", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, booked)));
        await Applicants.BookingLinkTests.MailAsync(_w.World, email, Booked, 60);

        // A series of 2 × 2 is saved, and Zoom deactivates the booked 日程's host while the worker issues it.
        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Series");
        var fields = new Dictionary<string, string>
        {
            ["Input.DateFrom"] = date, ["Input.DateTo"] = date, ["Input.Days"] = day.DayOfWeek.ToString(),
            ["Input.FromTime"] = "11:00", ["Input.ToTime"] = "12:00", ["Input.IntervalMinutes"] = "30", ["Input.LengthMinutes"] = "30",
            ["Input.Parallel"] = "2",
        };
        var created = await _w.Admin.ClickAsync(await _w.Admin.ClickAsync(form, "プレビュー", fields), "4件の日程を作成", fields);
        Assert.Equal(_w.SettingsUrl, created.Path);
        var deactivated = await _w.World.SandboxPostAsync($"users/{gone}/deactivate");
        Assert.True(deactivated.IsSuccessStatusCode, await deactivated.Content.ReadAsStringAsync());
        var goneId = await _w.UserIdAsync(gone);

        var ids = Rows(created, eventId).Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!)).ToList();
        Assert.Equal(6, ids.Count);
        await ZoomWorld.EventuallyAsync(async () =>
        {
            var page = await _w.SettingsAsync();
            var state = await _w.World.SandboxStateAsync();
            return ids.All(id => SelectionSetup.MeetingState(page, id) == "Issued" && !HostEmail(SelectionSetup.Row(page, id)!).Equals(gone, StringComparison.Ordinal))
                && SelectionSetup.LiveMeetings(state).All(m => m["host_id"]!.GetValue<string>() != goneId);
        }, "every 日程 issued on a host other than the deactivated one", seconds: 120);

        var sandbox = await _w.World.SandboxStateAsync();
        Assert.Equal(6, SelectionSetup.LiveMeetings(sandbox).Count);
        foreach (var id in ids) Assert.Single(SelectionSetup.MeetingsOf(sandbox, id));
        MeetingWorld.AssertNoHostClash(sandbox);

        var mail = await Applicants.BookingLinkTests.MailAsync(_w.World, email, LinkChanged, 60);
        var newUrl = SelectionSetup.Row(await _w.SettingsAsync(), booked)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        Assert.NotEqual(firstUrl, newUrl);
        Assert.Contains(newUrl, mail.TextBody!, StringComparison.Ordinal);
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_taken_out_of_the_pool_hands_its_coming_schedules_to_free_hosts_with_one_mail_per_booked_applicant()
    {
        const string host3 = "host3@sandbox.zoom.test";
        string[] pool = [MeetingWorld.Host1, MeetingWorld.Host2, host3];
        var eventId = await _w.Admin.AddPoolEventAsync(_w.MeetingId, "プール面接", pool);
        var date = _w.Day(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var two = await _w.Admin.SubmitAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = date, ["Input.StartTime"] = "10:00", ["Input.EndTime"] = "10:30", ["Input.Capacity"] = "1",
            ["Input.Shown"] = "true", ["Input.Parallel"] = "2",
        });
        var ids = Rows(two, eventId).Select(r => Guid.Parse(r.GetAttribute("data-schedule-id")!)).ToList();
        var booked = ids[0];
        var issued = await _w.RowStateAsync(booked, "Issued", seconds: 60);
        await _w.RowStateAsync(ids[1], "Issued", seconds: 60);
        var removed = HostEmail(SelectionSetup.Row(issued, booked)!);
        const string email = "pool.removed@example.test";
        var (applicant, link) = await _w.InvitedApplicantAsync("川口 葵", email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, booked)));
        await Applicants.BookingLinkTests.MailAsync(_w.World, email, Booked, 60);

        var form = await _w.Admin.GetAsync($"/SelectionMeetings/Events/{eventId}");
        SelectionSetup.TickPool(form, pool.Where(h => h != removed));
        var saved = await _w.Admin.SubmitAsync(form);
        Assert.True(saved.Path == _w.SettingsUrl, $"{saved.Path}: {string.Join(" | ", saved.Errors)}");
        var removedId = await _w.UserIdAsync(removed);
        await ZoomWorld.EventuallyAsync(async () =>
        {
            var page = await _w.SettingsAsync();
            var state = await _w.World.SandboxStateAsync();
            return ids.All(id => SelectionSetup.MeetingState(page, id) == "Issued" && HostEmail(SelectionSetup.Row(page, id)!) != removed)
                && SelectionSetup.LiveMeetings(state).All(m => m["host_id"]!.GetValue<string>() != removedId);
        }, "both 日程 issued on hosts still in the pool", seconds: 120);
        var sandbox = await _w.World.SandboxStateAsync();
        foreach (var id in ids) Assert.Single(SelectionSetup.MeetingsOf(sandbox, id));
        MeetingWorld.AssertNoHostClash(sandbox);
        var newUrl = SelectionSetup.Row(await _w.SettingsAsync(), booked)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        var mail = await Applicants.BookingLinkTests.MailAsync(_w.World, email, LinkChanged, 60);
        Assert.Contains(newUrl, mail.TextBody!, StringComparison.Ordinal);
        Assert.Single(ApplicantSetup.MailsTo(_w.World.Smtp, email), m => (m.Subject ?? "").Contains(LinkChanged, StringComparison.Ordinal));
    }

    private static string HostEmail(AngleSharp.Dom.IElement row) =>
        System.Text.RegularExpressions.Regex.Match(row.QuerySelector(".pool-host")!.TextContent, @"\(([^()]+@[^()]+)\)").Groups[1].Value;

    private static List<AngleSharp.Dom.IElement> Rows(HtmlPage page, Guid eventId) =>
        [.. page.Document.QuerySelectorAll($"section[data-event-id='{eventId}'] tr[data-schedule-id]")];
}
