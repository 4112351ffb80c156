using Microsoft.Playwright;

namespace Saiyo.Tests.Browser;

/// <summary>応募者 screens as a recruiter uses them: 応募者を登録, 案内する選考会, マイページのリンクを送信 (Japanese UI).</summary>
public sealed class ApplicantPages(IPage page)
{
    private ILocator Main => page.Locator("main");

    public async Task CreateAsync(string name, string email, string languageLabel)
    {
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "応募者", Exact = true }).ClickAsync();
        await Main.GetByRole(AriaRole.Link, new() { Name = "応募者を登録" }).ClickAsync();
        await Main.GetByLabel("氏名", new() { Exact = true }).FillAsync(name);
        await Main.GetByLabel("メールアドレス", new() { Exact = true }).FillAsync(email);
        await Main.GetByLabel("言語", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = languageLabel });
        await page.AssertAccessibleAsync("応募者を登録");
        await Main.GetByRole(AriaRole.Button, new() { Name = "登録", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
    }

    /// <summary>Ticks the 選考会 under 「案内する選考会」 and saves.</summary>
    public async Task InviteAsync(string meetingName)
    {
        await Main.GetByRole(AriaRole.Checkbox, new() { Name = meetingName }).CheckAsync();
        await Main.GetByRole(AriaRole.Button, new() { Name = "選考会を保存" }).ClickAsync();
        await Assertions.Expect(Main.GetByRole(AriaRole.Checkbox, new() { Name = meetingName })).ToBeCheckedAsync();
        await page.AssertAccessibleAsync("案内する選考会");
    }

    public async Task SendMyPageLinkAsync()
    {
        await Main.GetByRole(AriaRole.Button, new() { Name = "マイページのリンクを送信" }).ClickAsync();
        await Assertions.Expect(Main.Locator(".my-page-link")).ToBeVisibleAsync();
    }
}

/// <summary>The applicant's マイページ, reached by the mailed link alone, in the applicant's language.</summary>
public sealed class MyPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Outcome => page.Locator("[data-outcome]");
    public ILocator Bookings => page.Locator(".booking");
    public ILocator JoinUrl => Bookings.Locator("a.join-url");
    public ILocator Passcode => Bookings.Locator("code.passcode");

    /// <summary>A row of 「予約できる日程」 by the date and time the applicant reads.</summary>
    public ILocator Slot(string when) => page.Locator("table.bookable tbody tr").Filter(new() { HasText = when });

    /// <summary>A row of 「予約できる日程」 by its 日程 (for pages whose date wording is not under test).</summary>
    public ILocator SlotOf(Guid scheduleId) => page.Locator($"table.bookable tbody tr[data-schedule-id='{scheduleId}']");

    public async Task BookAsync(string when, string button) =>
        await Slot(when).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    /// <summary>The confirmation step of キャンセル / 変更 (a page of its own, no script).</summary>
    public ILocator ConfirmStep => page.Locator(".confirm-step");

    /// <summary>キャンセル on the booking, then the confirmation's button.</summary>
    public async Task CancelAsync(string when, string button)
    {
        await Bookings.Filter(new() { HasText = when }).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await ConfirmStep.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>変更 on the booking: opens the choice of slots (none chosen).</summary>
    public async Task StartChangeAsync(string when, string button) =>
        await Bookings.Filter(new() { HasText = when }).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    /// <summary>In the choice step: picks the slot by the time the applicant reads.</summary>
    public ILocator ChangeOption(string when) => ConfirmStep.GetByRole(AriaRole.Radio, new() { Name = when });
}
