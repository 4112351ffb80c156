using System.Globalization;
using Microsoft.Playwright;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Browser;

/// <summary>
/// マイページ on a 390 px wide phone with 200 予約できる日程: grouped by date with a list of dates to jump to, no horizontal
/// scrolling, and booking the last day's last slot works.
/// </summary>
public sealed class MyPagePhoneBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Two_hundred_slots_are_grouped_by_date_and_bookable_on_a_390px_phone()
    {
        // 一括作成: one weekday for ten weeks, 9:00–19:00 every 30 minutes = 200 日程.
        var admin = _world.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        var meeting = await admin.CreateSelectionMeetingAsync("一次面接");
        var ev = await admin.AddEventAsync(meeting, "個別面接");
        var first = SelectionSetup.TokyoDate(_world.Clock, 7);
        var last = first.AddDays(63);
        var form = await admin.GetAsync($"/SelectionMeetings/Events/{ev}/Schedules/Series");
        var preview = await admin.ClickAsync(form, "プレビュー", new Dictionary<string, string>
        {
            ["Input.DateFrom"] = Iso(first), ["Input.DateTo"] = Iso(last), ["Input.Days"] = first.DayOfWeek.ToString(),
            ["Input.FromTime"] = "09:00", ["Input.ToTime"] = "19:00", ["Input.IntervalMinutes"] = "30", ["Input.LengthMinutes"] = "30",
        });
        var created = await admin.ClickAsync(preview, "200件の日程を作成");
        Assert.Equal(200, created.Document.QuerySelectorAll("tr[data-schedule-id]").Length);
        var applicant = await admin.CreateApplicantAsync("小林 スマホ", "phone.browser@example.test");
        await admin.InviteAsync(applicant, meeting);
        var link = _world.SaiyoUrl + await admin.SendMyPageLinkAsync(applicant);

        var page = await browser.NewPageAsync("ja-JP");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("tr[data-schedule-id]")).ToHaveCountAsync(200);
        await Assertions.Expect(page.Locator("tbody.slot-day")).ToHaveCountAsync(10);
        await Assertions.Expect(page.Locator("tbody.slot-day").First.Locator("tr.day-head")).ToHaveTextAsync(Day(first));
        Assert.Equal(0, await HorizontalOverflowAsync(page));
        await page.ShotAndCheckAsync(Path.Combine(BrowserFixture.ArtifactsDir, "my-page-phone-200-ja.png"));

        // The list of dates leads to the last day; its last slot is booked with one tap.
        await page.Locator("nav.slot-days").GetByRole(AriaRole.Link, new() { Name = Day(last) }).ClickAsync();
        await Assertions.Expect(page.Locator($"tbody.slot-day[data-day='{Iso(last)}'] tr.day-head")).ToBeInViewportAsync();
        var when = last.ToDateTime(new TimeOnly(18, 30)).ToString("yyyy年M月d日（ddd）HH:mm", new CultureInfo("ja")) + "〜19:00";
        var slot = page.Locator("table.bookable tbody tr").Filter(new() { HasText = when });
        await slot.ScrollIntoViewIfNeededAsync();
        var button = slot.GetByRole(AriaRole.Button, new() { Name = "予約する", Exact = true });
        var box = await button.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390, $"the button lies outside the 390 px screen: {box?.X}+{box?.Width}");
        await button.ClickAsync();
        await Assertions.Expect(page.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", "booked");
        await Assertions.Expect(page.Locator(".booking")).ToContainTextAsync(when);
        // One booking per イベント: the rest are no longer offered, the page says why, and still fits the screen.
        await Assertions.Expect(slot).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".limit-hint")).ToBeVisibleAsync();
        Assert.Equal(0, await HorizontalOverflowAsync(page));
        await page.ShotAndCheckAsync(Path.Combine(BrowserFixture.ArtifactsDir, "my-page-phone-booked-ja.png"));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateOnly d) => d.ToString("yyyy年M月d日（ddd）", new CultureInfo("ja"));

    private static Task<int> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
}
