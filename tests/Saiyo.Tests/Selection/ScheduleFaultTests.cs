using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>Nothing lost, nothing doubled: Zoom's faults while issuing, each ending with exactly one meeting per shown schedule.</summary>
public sealed class ScheduleFaultTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private async Task FaultAsync(string scope, string json)
    {
        var put = await _w.World.SandboxPutFaultAsync(scope, json);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Server_errors_on_create_are_retried_and_end_with_one_meeting()
    {
        await FaultAsync("meetings.create", """{"error_rate":1,"count":2}""");
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        await _w.RowStateAsync(id, "Issued");
        Assert.Single(await _w.MeetingsEventuallyAsync(id, 1));
        Assert.Single(SelectionSetup.LiveMeetings(await _w.World.SandboxStateAsync()));
    }

    [Fact]
    public async Task A_create_whose_response_was_lost_is_reconciled_not_repeated()
    {
        await FaultAsync("meetings.create", """{"drop_after_commit_rate":1,"count":1}""");
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        var page = await _w.RowStateAsync(id, "Issued");
        var meeting = Assert.Single(SelectionSetup.MeetingsOf(await _w.World.SandboxStateAsync(), id, includeDeleted: true));
        Assert.Contains(meeting["id"]!.ToString(), SelectionSetup.Row(page, id)!.QuerySelector("a.join-url")!.GetAttribute("href")!);
        await _w.World.SettledAsync(); // more polls change nothing
        Assert.Single(SelectionSetup.MeetingsOf(await _w.World.SandboxStateAsync(), id, includeDeleted: true));
    }

    [Fact]
    public async Task Per_second_429s_are_waited_out()
    {
        await FaultAsync("meetings.create", """{"force_429":"QPS","count":5}""");
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        await _w.RowStateAsync(id, "Issued");
        Assert.Single(SelectionSetup.MeetingsOf(await _w.World.SandboxStateAsync(), id, includeDeleted: true));
    }

    [Fact]
    public async Task The_hosts_daily_limit_waits_until_0900_JST_and_resumes_by_itself()
    {
        await FaultAsync("meetings.create", """{"force_429":"Daily-limit","count":1}""");
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(3), "10:00", "10:30");
        var page = await _w.RowStateAsync(id, "Waiting");
        var row = SelectionSetup.Row(page, id)!.TextContent;
        Assert.Contains("発行待ち（上限）", row);
        Assert.Contains("09:00 以降に自動で再開します。", row);
        await _w.World.SettledAsync();
        Assert.Empty(SelectionSetup.MeetingsOf(await _w.World.SandboxStateAsync(), id, includeDeleted: true));

        var now = _w.World.Clock.GetUtcNow();
        _w.World.Clock.Advance(now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime + TimeSpan.FromMinutes(1));
        Assert.Equal("/", (await _w.Admin.SignInAsync(Demo.AdminEmail)).Path); // hours later: the sign-in has expired
        await _w.RowStateAsync(id, "Issued");
        Assert.Single(await _w.MeetingsEventuallyAsync(id, 1));
    }

    [Fact]
    public async Task Repeated_failures_show_issue_failed_with_a_retry_button_and_the_dashboard_counts_them()
    {
        await FaultAsync("meetings.create", """{"error_rate":1}""");
        await FaultAsync("meetings.list", """{"error_rate":1}""");
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        var page = await _w.RowStateAsync(id, "Failed");
        Assert.Contains("発行失敗", SelectionSetup.Row(page, id)!.TextContent);
        Assert.Equal("1", (await _w.Admin.GetAsync("/")).Document.QuerySelector("[data-failed]")!.GetAttribute("data-failed"));

        var cleared = await _w.World.SandboxControl.DeleteAsync(_w.World.SandboxUrl + "/_sandbox/faults");
        Assert.True(cleared.IsSuccessStatusCode);
        await _w.Admin.SubmitAsync(page, formSelector: $"form[action='/SelectionMeetings/Schedules/{id}?handler=Retry']");
        await _w.RowStateAsync(id, "Issued");
        Assert.Single(SelectionSetup.MeetingsOf(await _w.World.SandboxStateAsync(), id, includeDeleted: true));
        Assert.Equal("0", (await _w.Admin.GetAsync("/")).Document.QuerySelector("[data-failed]")!.GetAttribute("data-failed"));
    }

    [Fact]
    public async Task When_the_linkage_is_removed_nothing_is_sent_the_rows_say_why_and_relinking_resumes()
    {
        var before = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        await _w.RowStateAsync(before, "Issued");

        var removed = await _w.World.SandboxPostAsync("accounts/sbxAcctSandboxCorp01/deauthorize");
        Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync());
        await ZoomWorld.EventuallyAsync(async () => (await _w.Admin.GetAsync("/Integrations")).Text.Contains("未連携", StringComparison.Ordinal), "linkage shows 未連携");

        var after = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "11:00", "11:30");
        var page = await _w.RowStateAsync(after, "Blocked");
        Assert.Contains("Zoomとの連携が解除されているため、送信していません。", SelectionSetup.Row(page, after)!.TextContent);
        Assert.Contains("ミーティングは送信されません", page.Text);
        await _w.World.SettledAsync();
        Assert.Empty(SelectionSetup.MeetingsOf(await _w.World.SandboxStateAsync(), after, includeDeleted: true));

        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(_w.Admin)).Path);
        await _w.RowStateAsync(after, "Issued");
        Assert.Single(await _w.MeetingsEventuallyAsync(after, 1));
    }
}
