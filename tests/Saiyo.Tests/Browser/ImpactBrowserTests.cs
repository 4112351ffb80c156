using Microsoft.Playwright;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Browser;

/// <summary>
/// Impact before effect, clicked in Chromium (Japanese and English): a new host in 「Zoomユーザ選択」 on an イベント with a
/// booked applicant first shows who is booked and the mail each will get; 「保存」 saves only with the confirmation ticked.
/// </summary>
public sealed class ImpactBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync(settings: s => s["Meetings:PollInterval"] = "00:00:00.200");
    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsDir, name);

    [Fact]
    public async Task The_impact_page_of_a_host_change_names_the_booked_applicant_and_needs_the_tick_in_ja_and_en()
    {
        // Given over HTTP: Zoom linked, an イベント on host1 with a shown 日程 and one booked applicant.
        var admin = _world.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(admin)).Path);
        var meetingId = await admin.CreateSelectionMeetingAsync("二次面接");
        var eventId = await admin.AddEventAsync(meetingId, "Web面接", "host1@sandbox.zoom.test");
        var schedule = await admin.CreateShownScheduleAsync(eventId, SelectionSetup.TokyoDate(_world.Clock, 3), "10:00", "10:45");
        var applicant = await admin.CreateApplicantAsync("高橋 美咲", "misaki.impact@example.test");
        await admin.InviteAsync(applicant, meetingId);
        var myPage = await admin.SendMyPageLinkAsync(applicant);
        Assert.Equal("booked", ApplicantSetup.Outcome(await _world.Browser().BookAsync(myPage, schedule)));

        var page = await browser.NewPageAsync("ja-JP");
        var login = new LoginPage(page, _world.SaiyoUrl);
        await login.OpenAsync();
        await login.SignInAsync(Demo.AdminEmail, Demo.Password, "メールアドレス", "パスワード", "ログイン");
        var selection = new SelectionPages(page);
        await selection.OpenScheduleSettingsAsync("二次面接");
        await selection.EditEventAsync("Web面接");
        await selection.ChooseHostAsync("host2@sandbox.zoom.test", "Zoomユーザ選択", "保存");

        // The impact: the applicant and the one mail they will get; nothing saved yet.
        await Assertions.Expect(selection.Impact).ToContainTextAsync("予約済みの応募者 1 名に次のメールが送られます");
        await Assertions.Expect(selection.Impact.GetByRole(AriaRole.Row).Filter(new() { HasText = "高橋 美咲" })).ToContainTextAsync("「参加URLの変更」のメールを1通");
        await page.ShotAndCheckAsync(Shot("impact-host-change-ja.png"));
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("予約済みの応募者にメールが送られます。一覧を確認してチェックを入れてください。")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("impact-not-confirmed-ja");

        await page.GetByLabel("上記の応募者にメールが送られることを確認しました").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(selection.EventBlock("Web面接")).ToContainTextAsync("host2@sandbox.zoom.test");
        await page.AssertAccessibleAsync("impact-saved-ja");

        // The same page in English, changing back to host1.
        var en = await browser.NewPageAsync("en-US");
        var loginEn = new LoginPage(en, _world.SaiyoUrl);
        await loginEn.OpenAsync();
        await loginEn.SignInAsync(Demo.AdminEmail, Demo.Password, "E-mail address", "Password", "Sign in");
        await en.GotoAsync($"{_world.SaiyoUrl}/SelectionMeetings/Events/{eventId}");
        var selectionEn = new SelectionPages(en);
        await selectionEn.ChooseHostAsync("host1@sandbox.zoom.test", "Zoom user selection", "Save");
        await Assertions.Expect(selectionEn.Impact).ToContainTextAsync("1 booked applicant(s) will be sent the following");
        await Assertions.Expect(selectionEn.Impact).ToContainTextAsync("One 'join link changed' mail");
        await en.ShotAndCheckAsync(Shot("impact-host-change-en.png"));
    }
}
