using Microsoft.Playwright;

namespace Saiyo.Tests.Browser;

/// <summary>選考会 list, 日程設定, 予約動作設定 and 新規日程作成, by role and label as a recruiter sees them.</summary>
public sealed class SelectionPages(IPage page)
{
    public async Task OpenScheduleSettingsAsync(string meetingName)
    {
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "選考会", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = meetingName }).GetByRole(AriaRole.Link, new() { Name = "日程設定" }).ClickAsync();
    }

    public ILocator EventBlock(string eventName) => page.Locator("section.event-block").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = eventName }) });

    public async Task EditEventAsync(string eventName) =>
        await EventBlock(eventName).GetByRole(AriaRole.Link, new() { Name = "変更", Exact = true }).First.ClickAsync();

    /// <summary>予約動作設定: Web面接連携 Zoom, the host from 「Zoomユーザ選択」, then 「保存」.</summary>
    public async Task ChooseZoomAsync(string hostEmail)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = "Zoom", Exact = true }).CheckAsync();
        await ChooseHostAsync(hostEmail, "Zoomユーザ選択", "保存");
    }

    /// <summary>「Zoomユーザ選択」 (labelled <paramref name="selectLabel"/> in the page's language): the host, then save.</summary>
    public async Task ChooseHostAsync(string hostEmail, string selectLabel, string saveButton)
    {
        var select = page.GetByLabel(selectLabel, new() { Exact = true });
        var label = await select.Locator("option", new() { HasText = hostEmail }).TextContentAsync();
        await select.SelectOptionAsync(new SelectOptionValue { Label = label!.Trim() });
        await page.GetByRole(AriaRole.Button, new() { Name = saveButton, Exact = true }).ClickAsync();
    }

    /// <summary>The impact list shown before a change that reaches booked applicants is confirmed.</summary>
    public ILocator Impact => page.Locator("section.impact");

    /// <summary>新規日程作成 with 「日程を表示する」.</summary>
    public async Task CreateShownScheduleAsync(string eventName, DateOnly date, string start, string end)
    {
        await EventBlock(eventName).GetByRole(AriaRole.Link, new() { Name = "新規日程作成" }).ClickAsync();
        await page.GetByLabel("日付").FillAsync(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("開始時刻").FillAsync(start);
        await page.GetByLabel("終了時刻").FillAsync(end);
        await page.GetByRole(AriaRole.Radio, new() { Name = "日程を表示する" }).CheckAsync();
        await page.AssertAccessibleAsync("新規日程作成");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録", Exact = true }).ClickAsync();
    }

    /// <summary>「日程を一括作成」 → プレビュー: the 日程 to be made, listed in a scroll region of their own; nothing saved yet.</summary>
    public async Task PreviewSeriesAsync(string eventName, DateOnly from, DateOnly to)
    {
        await EventBlock(eventName).GetByRole(AriaRole.Link, new() { Name = "日程を一括作成" }).ClickAsync();
        await page.Locator("#Input_DateFrom").FillAsync(from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#Input_DateTo").FillAsync(to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#preview-series").ClickAsync();
        await Assertions.Expect(page.Locator(".preview-list li").First).ToBeVisibleAsync();
    }

    public ILocator JoinUrl(string eventName) => EventBlock(eventName).Locator("a.join-url");
}
