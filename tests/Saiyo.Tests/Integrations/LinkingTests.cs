using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Integrations;

/// <summary>Flow 1: an admin links the company's Zoom account, and everything that can go wrong on the way.</summary>
public sealed class LinkingTests : IAsyncLifetime
{
    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private async Task<SaiyoClient> AdminAsync(string language = "ja")
    {
        var admin = _world.Browser(language: language);
        Assert.Equal("/", (await admin.SignInAsync(Demo.AdminEmail)).Path);
        return admin;
    }

    private static string StatusOf(HtmlPage page) =>
        page.Document.QuerySelector("tr[data-provider=Zoom] .badge")!.GetAttribute("data-status")!;

    [Fact]
    public async Task Admin_links_zoom_as_the_product_describes_and_sees_account_scopes_and_users()
    {
        var admin = await AdminAsync();
        var start = await admin.GetAsync("/Integrations");
        Assert.Equal("NotLinked", StatusOf(start));
        Assert.Null(start.Document.QuerySelector("form[action*='handler=Authorize']")); // 認可開始 only after 認可待ち

        var awaiting = await admin.SubmitAsync(start, new Dictionary<string, string> { ["WantedStatus"] = "AwaitingAuthorization" }, "form[action*='handler=Status']");
        Assert.Equal("AwaitingAuthorization", StatusOf(awaiting));
        Assert.Contains("認可開始", awaiting.Document.QuerySelector("form[action*='handler=Authorize']")!.TextContent);

        var linked = await ZoomWorld.LinkZoomAsync(admin);
        Assert.Equal("/Integrations/Zoom", linked.Path);
        Assert.Contains("Zoomアカウントを連携しました。", linked.Text);
        Assert.Contains("連携中", linked.Text);
        Assert.Contains("管理 花子", linked.Text);
        Assert.Contains("meeting:write:meeting:admin", linked.Text);
        var rows = linked.Document.QuerySelectorAll("#users-h ~ .table-wrap tbody tr, section:last-of-type tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("host1@sandbox.zoom.test", StringComparison.Ordinal) && r.Contains("有料", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("basic@sandbox.zoom.test", StringComparison.Ordinal) && r.Contains("基本", StringComparison.Ordinal));

        var state = await _world.SandboxStateAsync();
        Assert.Single(state["installations"]!.AsArray());

        var audit = await admin.GetAsync("/Integrations/Audit");
        Assert.NotNull(audit.Document.QuerySelector("tr[data-action='linkage.authorized']"));
    }

    [Fact]
    public async Task Denying_at_zoom_keeps_awaiting_authorization_with_a_message()
    {
        var admin = await AdminAsync("en");
        var consent = await ZoomWorld.StartAuthorizationAsync(admin);
        var back = await admin.ClickAsync(consent, "Deny");
        Assert.Equal("/Integrations", back.Path);
        Assert.Contains("Authorization was denied in Zoom.", back.Text);
        Assert.Equal("AwaitingAuthorization", StatusOf(back));
        Assert.Empty((await _world.SandboxStateAsync())["installations"]!.AsArray());
    }

    [Fact]
    public async Task A_zoom_member_cannot_install_the_app_and_nothing_changes_in_saiyo()
    {
        var admin = await AdminAsync();
        var refused = await ZoomWorld.StartAuthorizationAsync(admin, ZoomWorld.ZoomMember);
        Assert.Contains("Zoom sandbox", refused.Text);
        Assert.Null(refused.Document.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == "Allow"));
        Assert.Equal("AwaitingAuthorization", StatusOf(await admin.GetAsync("/Integrations")));
    }

    [Fact]
    public async Task Forged_replayed_and_foreign_browser_callbacks_change_nothing()
    {
        var admin = await AdminAsync();
        var consent = await ZoomWorld.StartAuthorizationAsync(admin);
        var forged = await admin.GetAsync("/Integrations/Zoom/Callback?code=abc&state=forged-state");
        Assert.Contains("認可の応答が無効か期限切れです。", forged.Text);
        Assert.Equal("AwaitingAuthorization", StatusOf(forged));

        // Capture the real callback URL instead of following it.
        var allow = consent.Document.QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Allow").Closest("form")!;
        var fields = allow.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        if (allow.QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Allow").GetAttribute("name") is { } n)
            fields.Add(new(n, allow.QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Allow").GetAttribute("value") ?? ""));
        var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = admin.Cookies });
        using var redirect = await raw.PostAsync(new Uri(consent.Url, allow.GetAttribute("action")), new FormUrlEncodedContent(fields));
        var callback = redirect.Headers.Location!.ToString();
        Assert.Contains("/Integrations/Zoom/Callback?", callback, StringComparison.Ordinal);

        // Another signed-in admin's browser (no binding cookie) cannot use it.
        var otherBrowser = await AdminAsync();
        var foreign = await otherBrowser.GetAsync(callback);
        Assert.Contains("認可の応答が無効か期限切れです。", foreign.Text);
        Assert.Equal("AwaitingAuthorization", StatusOf(foreign));

        // The browser that started it links once; replaying the same callback does nothing more.
        var linked = await admin.GetAsync(callback);
        Assert.True(linked.Text.Contains("Zoomアカウントを連携しました。", StringComparison.Ordinal), linked.Path + " " + linked.Text);
        var replay = await admin.GetAsync(callback);
        Assert.Contains("認可の応答が無効か期限切れです。", replay.Text);
        Assert.Equal("Linked", StatusOf(replay));
    }

    [Fact]
    public async Task An_authorization_left_open_longer_than_ten_minutes_expires()
    {
        var admin = await AdminAsync();
        var consent = await ZoomWorld.StartAuthorizationAsync(admin);
        _world.Clock.Advance(TimeSpan.FromMinutes(11));
        var late = await admin.ClickAsync(consent, "Allow");
        Assert.Equal("/Integrations", late.Path);
        Assert.Equal("AwaitingAuthorization", StatusOf(late));
    }

    [Fact]
    public async Task A_zoom_account_linked_to_another_company_is_refused()
    {
        await ZoomWorld.LinkZoomAsync(await AdminAsync());
        var op = _world.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var email = await op.CreateCompanyAsync("別会社");

        var adminB = _world.Browser();
        Assert.Equal("/", (await adminB.SignInAsync(email, CompanySetup.AdminPassword)).Path);
        var consent = await ZoomWorld.StartAuthorizationAsync(adminB);
        var refused = await adminB.ClickAsync(consent, "Allow");
        Assert.Contains("このZoomアカウントは別の企業に連携済みのため、連携できません。", refused.Text);
        Assert.Equal("AwaitingAuthorization", StatusOf(refused));
    }

    [Fact]
    public async Task Without_the_contract_the_page_says_to_contact_sales_and_offers_nothing()
    {
        var op = _world.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var email = await op.CreateCompanyAsync("未契約社", linkage: false);
        var admin = _world.Browser();
        await admin.SignInAsync(email, CompanySetup.AdminPassword);
        var page = await admin.GetAsync("/Integrations");
        Assert.Contains("ご利用には営業担当までお問い合わせください。", page.Text);
        Assert.Empty(page.Document.QuerySelectorAll("main form"));
    }

    [Fact]
    public async Task Recruiters_see_the_status_but_cannot_change_it()
    {
        var recruiter = _world.Browser();
        await recruiter.SignInAsync(Demo.RecruiterEmail);
        var page = await recruiter.GetAsync("/Integrations");
        Assert.Equal("NotLinked", StatusOf(page));
        Assert.Null(page.Document.QuerySelector("form[action*='handler=Status']"));
        Assert.Contains("連携の設定は管理者のみ行えます。", page.Text);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await recruiter.PostRawAsync("/Integrations?handler=Status", [new("__RequestVerificationToken", token), new("WantedStatus", "AwaitingAuthorization")]);
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        Assert.Equal("NotLinked", StatusOf(await recruiter.GetAsync("/Integrations")));
    }

    [Fact]
    public async Task Unlinking_in_saiyo_revokes_at_zoom_and_deletes_tokens_and_users()
    {
        var admin = await AdminAsync();
        await ZoomWorld.LinkZoomAsync(admin);
        var confirm = await admin.GetAsync("/Integrations/Zoom/Unlink");
        Assert.Contains("よろしいですか", confirm.Text);
        var after = await admin.SubmitAsync(confirm);
        Assert.Contains("Zoomとの連携を解除しました。", after.Text);
        Assert.Equal("NotLinked", StatusOf(after));
        Assert.DoesNotContain("admin@sandbox.zoom.test", after.Document.QuerySelector("tr[data-provider=Zoom]")!.TextContent);
        Assert.Empty((await _world.SandboxStateAsync())["installations"]!.AsArray());
        Assert.NotNull((await admin.GetAsync("/Integrations/Audit")).Document.QuerySelector("tr[data-action='linkage.unlinked']"));
    }

    [Fact]
    public async Task Unlinking_works_when_zoom_is_unreachable_and_notes_the_failure()
    {
        var admin = await AdminAsync();
        await ZoomWorld.LinkZoomAsync(admin);
        await _world.StopSandboxAsync();
        var after = await admin.SubmitAsync("/Integrations/Zoom/Unlink");
        Assert.Contains("Zoom側での認可の取り消しに失敗しました", after.Text);
        Assert.Equal("NotLinked", StatusOf(after));
        Assert.NotNull((await admin.GetAsync("/Integrations/Audit")).Document.QuerySelector("tr[data-action='linkage.revoke_failed']"));
    }
}
