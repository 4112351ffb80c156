using System.Globalization;
using Microsoft.Playwright;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Browser;

/// <summary>
/// Issue 15 in Chromium: an admin sets 「1ユーザが同時に開催できるミーティング数」 and a ホストプール of two users with
/// 「同時刻の日程をまとめて表示する」 in 予約動作設定; the recruiter's 一括作成 with 「同時に開催する枠数」 3 is refused (two hosts),
/// with 2 it is saved and every 日程 gets its meeting on a host of its own at that time (checked at the sandbox); applicants,
/// one in English and one in Japanese, see one slot per time with the seats added up and each books a different 日程 of it.
/// axe at every state; screenshots under artifacts/screenshots (pool-*).
/// </summary>
public sealed class HostPoolBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string MeetingName = "一次面接";
    private const string EventName = "並行Web面接";
    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync(settings: s => s["Meetings:PollInterval"] = "00:00:00.200");
    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private static string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsDir, $"pool-{name}.png");

    [Fact]
    public async Task An_admin_sets_up_a_pool_a_parallel_series_gets_distinct_hosts_and_applicants_book_the_merged_slot()
    {
        // Given (HTTP): Zoom linked, a 選考会 with an イベント.
        var admin = _world.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(admin)).Path);
        var meetingId = await admin.CreateSelectionMeetingAsync(MeetingName);
        await admin.AddEventAsync(meetingId, EventName);

        var page = await browser.NewPageAsync("ja-JP");
        var login = new LoginPage(page, _world.SaiyoUrl);
        await login.OpenAsync();
        await login.SignInAsync(Demo.AdminEmail, Demo.Password, "メールアドレス", "パスワード", "ログイン");

        // Web面接連携サービス → Zoom: 1ユーザが同時に開催できるミーティング数 (1: Zoom Pro).
        await page.GotoAsync(_world.SaiyoUrl + "/Integrations/Zoom");
        await page.GetByLabel("1ユーザが同時に開催できるミーティング数").FillAsync("1");
        await page.Locator("form.meetings-per-host").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByLabel("1ユーザが同時に開催できるミーティング数")).ToHaveValueAsync("1");
        await page.ShotAndCheckAsync(Shot("1-meetings-per-host"));

        // 予約動作設定: Zoom, ホストプール of host1 and host2, 同時刻の日程をまとめて表示する.
        var selection = new SelectionPages(page);
        await selection.OpenScheduleSettingsAsync(MeetingName);
        await selection.EditEventAsync(EventName);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Zoom", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "ホストプール" }).CheckAsync();
        var pool = page.Locator("fieldset.pool-hosts");
        await pool.GetByRole(AriaRole.Checkbox, new() { Name = MeetingWorld.Host1 }).CheckAsync();
        await pool.GetByRole(AriaRole.Checkbox, new() { Name = MeetingWorld.Host2 }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "同時刻の日程をまとめて表示する" }).CheckAsync();
        await page.ShotAndCheckAsync(Shot("2-event-settings"));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(selection.EventBlock(EventName)).ToContainTextAsync("ホストプール（2人）");

        // 一括作成, 10:00–11:00 every 30 minutes, 同時に開催する枠数 3 on two hosts: refused before anything is saved.
        var day = SelectionSetup.TokyoDate(_world.Clock, 2);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await selection.EventBlock(EventName).GetByRole(AriaRole.Link, new() { Name = "日程を一括作成" }).ClickAsync();
        await page.Locator("#Input_DateFrom").FillAsync(date);
        await page.Locator("#Input_DateTo").FillAsync(date);
        await page.Locator($"input[name='Input.Days'][value='{day.DayOfWeek}']").CheckAsync();
        await page.Locator("#Input_FromTime").FillAsync("10:00");
        await page.Locator("#Input_ToTime").FillAsync("11:00");
        await page.Locator("#Input_IntervalMinutes").FillAsync("30");
        await page.Locator("#Input_LengthMinutes").FillAsync("30");
        await page.GetByLabel("同時に開催する枠数").FillAsync("3");
        await page.Locator("#preview-series").ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("ホストプールに空いているZoomユーザがいない日程が2件あるため、保存していません。");
        await page.ShotAndCheckAsync(Shot("3-series-refused"));

        // With 2: saved, four 日程, each issued.
        await page.GetByLabel("同時に開催する枠数").FillAsync("2");
        await page.Locator("#preview-series").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "4件の日程を作成" }).ClickAsync();
        await Assertions.Expect(selection.EventBlock(EventName).Locator("tr[data-schedule-id]")).ToHaveCountAsync(4);
        await ZoomWorld.EventuallyAsync(async () =>
        {
            await page.ReloadAsync();
            return await selection.JoinUrl(EventName).CountAsync() == 4;
        }, "four join URLs", seconds: 120);
        await page.ShotAndCheckAsync(Shot("4-parallel-issued"));

        // At the sandbox: four meetings, two per time on two different hosts, none of them two at once.
        var state = await _world.SandboxStateAsync();
        Assert.Equal(4, SelectionSetup.LiveMeetings(state).Count);
        var byHost = MeetingWorld.ByHost(state);
        Assert.Equal(2, byHost.Count);
        Assert.All(byHost.Values, m => Assert.Equal(2, m.Count));
        MeetingWorld.AssertNoHostClash(state);

        // Applicants: one slot per time, seats added up; each books it and gets a different 日程 of it.
        var staffSide = await admin.GetAsync($"/SelectionMeetings/{meetingId}/Schedules");
        var tenOClock = staffSide.Document.QuerySelectorAll("tr[data-schedule-id]").Where(r => r.TextContent.Contains("10:00", StringComparison.Ordinal))
            .Select(r => r.GetAttribute("data-schedule-id")!).ToList();
        Assert.Equal(2, tenOClock.Count);
        foreach (var (code, locale, name, email, book) in new[] { ("en", "en-GB", "Alice Pool", "alice.pool@example.test", "Book"), ("ja", "ja-JP", "池田 花", "hana.pool@example.test", "予約する") })
        {
            var id = await admin.CreateApplicantAsync(name, email, code);
            await admin.InviteAsync(id, meetingId);
            var link = await admin.SendMyPageLinkAsync(id);
            var applicant = await browser.NewPageAsync(locale);
            var my = new MyPage(applicant);
            await applicant.GotoAsync(_world.SaiyoUrl + link);
            var when = ApplicantSetup.ApplicantWhen(day, "10:00", "10:30", code);
            await Assertions.Expect(my.Slot(when)).ToHaveCountAsync(1);
            await Assertions.Expect(my.Slot(when).Locator("td.seats")).ToHaveTextAsync(code == "en" ? "2" : "1");
            await applicant.ShotAndCheckAsync(Shot($"5-{code}-my-page"));
            await my.BookAsync(when, book);
            await Assertions.Expect(my.Outcome).ToHaveAttributeAsync("data-outcome", "booked");
            await Assertions.Expect(my.JoinUrl).ToHaveCountAsync(1);
            await Assertions.Expect(my.Slot(when)).ToHaveCountAsync(0);
            await applicant.ShotAndCheckAsync(Shot($"6-{code}-booked"));
        }
        foreach (var id in tenOClock)
        {
            var bookings = await admin.GetAsync($"/SelectionMeetings/Schedules/{id}/Bookings");
            Assert.Equal("1", bookings.Document.QuerySelector(".booked-count")!.GetAttribute("data-booked"));
        }
    }
}
