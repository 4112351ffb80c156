using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// A deleted 日程's meeting is never forgotten: Zoom is down for longer than the retry budget (4 attempts) while the
/// 日程 is deleted, the delete keeps being retried, the 日程 is listed on 「削除待ちのZoomミーティング」 and counted on the
/// home page, and once Zoom is back (再試行, as the backoff has grown long) no live meeting is left at Zoom.
/// </summary>
public sealed class PendingDeletionTests : IAsyncLifetime
{
    private const string PageUrl = "/SelectionMeetings/PendingDeletions";
    private MeetingWorld _w = null!;

    // Long enough that, without 再試行, the grown backoff would outlast the test.
    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync(settings: s => s["Meetings:TombstoneMaxBackoff"] = "00:30:00");
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task A_deleted_schedule_whose_delete_fails_past_the_retry_budget_is_listed_retried_and_gone_at_zoom()
    {
        var id = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        await _w.RowStateAsync(id, "Issued");
        await _w.MeetingsEventuallyAsync(id, 1);
        Assert.Empty((await _w.Admin.GetAsync(PageUrl)).Document.QuerySelectorAll("tr[data-schedule-id]"));

        await _w.World.StopSandboxAsync();
        var deleted = await _w.Admin.SubmitAsync(_w.SettingsUrl, formSelector: $"form[action='/SelectionMeetings/Schedules/{id}?handler=Delete']");
        Assert.Null(SelectionSetup.Row(deleted, id));

        // Past the 4 attempts that end a live 日程 in 発行失敗: still listed, still being tried.
        await ZoomWorld.EventuallyAsync(async () =>
        {
            var row = (await _w.Admin.GetAsync(PageUrl)).Document.QuerySelector($"tr[data-schedule-id='{id}']");
            return row is not null && int.Parse(row.GetAttribute("data-attempts")!, System.Globalization.CultureInfo.InvariantCulture) >= 5;
        }, "the tombstone retried past the budget", seconds: 90);
        var home = await _w.Admin.GetAsync("/");
        Assert.Equal("1", home.Document.QuerySelector("[data-pending-deletions]")!.GetAttribute("data-pending-deletions"));
        Assert.Contains("削除待ちのZoomミーティング", home.Text);

        await _w.World.RestartSandboxAsync();
        Assert.Single(SelectionSetup.MeetingsOf(await _w.World.SandboxStateAsync(), id)); // Zoom kept it meanwhile
        var page = await _w.Admin.GetAsync(PageUrl);
        var retried = await _w.Admin.SubmitAsync(page, formSelector: $"form[action='{PageUrl}/{id}?handler=Retry']");
        Assert.Equal(PageUrl, retried.Path);

        await _w.MeetingsEventuallyAsync(id, 0);
        await ZoomWorld.EventuallyAsync(async () =>
            (await _w.Admin.GetAsync(PageUrl)).Document.QuerySelector($"tr[data-schedule-id='{id}']") is null, "the tombstone gone from the list");
        Assert.Equal("0", (await _w.Admin.GetAsync("/")).Document.QuerySelector("[data-pending-deletions]")!.GetAttribute("data-pending-deletions"));
    }
}
