using Microsoft.Playwright;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Browser;

/// <summary>Flow 2 clicked in Chromium: the Zoom meeting URL is issued for a shown web-interview schedule.</summary>
public sealed class ScheduleBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync(settings: s => s["Meetings:PollInterval"] = "00:00:00.200");
    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsDir, name);

    [Fact]
    public async Task Flow2_publish_a_zoom_meeting_url()
    {
        // Given: Zoom linked (flow 1) and a 選考会 with an event, arranged over HTTP.
        var admin = _world.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(admin)).Path);
        var meetingId = await admin.CreateSelectionMeetingAsync("一次面接");
        await admin.AddEventAsync(meetingId, "Web個別面接");

        var page = await browser.NewPageAsync("ja-JP");
        var login = new LoginPage(page, _world.SaiyoUrl);
        await login.OpenAsync();
        await login.SignInAsync(Demo.AdminEmail, Demo.Password, "メールアドレス", "パスワード", "ログイン");

        // 「日程設定」 on the 選考会 → 「変更」 on the event → 予約動作設定: Zoom, 「Zoomユーザ選択」, 「設定」.
        var selection = new SelectionPages(page);
        await selection.OpenScheduleSettingsAsync("一次面接");
        await page.ShotAndCheckAsync(Shot("flow2-1-schedule-settings.png"));
        await selection.EditEventAsync("Web個別面接");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("予約動作設定");
        await page.AssertAccessibleAsync("flow2-event-settings");
        await selection.ChooseZoomAsync("host1@sandbox.zoom.test");
        await Assertions.Expect(selection.EventBlock("Web個別面接")).ToContainTextAsync("host1@sandbox.zoom.test");

        // 「新規日程作成」 with 「日程を表示する」 → the Zoom meeting URL is issued on the schedule.
        var day = SelectionSetup.TokyoDate(_world.Clock, 2);
        await selection.CreateShownScheduleAsync("Web個別面接", day, "10:00", "10:30");
        await ZoomWorld.EventuallyAsync(async () =>
        {
            await page.ReloadAsync();
            return await selection.JoinUrl("Web個別面接").CountAsync() == 1;
        }, "the Zoom URL on the schedule");
        await Assertions.Expect(selection.EventBlock("Web個別面接")).ToContainTextAsync("発行済み");
        var url = await selection.JoinUrl("Web個別面接").GetAttributeAsync("href");
        Assert.StartsWith(_world.SandboxUrl + "/j/", url);
        await page.ShotAndCheckAsync(Shot("flow2-2-zoom-url-issued.png"));

        var meeting = Assert.Single(SelectionSetup.LiveMeetings(await _world.SandboxStateAsync()));
        Assert.Equal(SelectionSetup.ZoomUtc(day, "10:00"), meeting["start_time"]!.GetValue<string>());
        Assert.Contains(meeting["id"]!.ToString(), url);

        // 日程を一括作成's preview of two weeks: a long list that scrolls in its own (keyboard-reachable) region.
        await selection.PreviewSeriesAsync("Web個別面接", day.AddDays(7), day.AddDays(20));
        await page.ShotAndCheckAsync(Shot("flow2-3-series-preview.png"));
    }
}
