using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Integrations;

/// <summary>Keeping the link healthy (refresh, re-authorization) and flow 3 (unlinking from Zoom's side).</summary>
public sealed class TokenAndWebhookTests : IAsyncLifetime
{
    private ZoomWorld _world = null!;
    private SaiyoClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _world = await ZoomWorld.StartAsync();
        _admin = _world.Browser();
        await _admin.SignInAsync(Demo.AdminEmail);
        await ZoomWorld.LinkZoomAsync(_admin);
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private static string StatusOf(HtmlPage page) =>
        page.Document.QuerySelector("tr[data-provider=Zoom] .badge")!.GetAttribute("data-status")!;

    private async Task<HtmlPage> ReloadUsersAsync(SaiyoClient? client = null) =>
        await (client ?? _admin).SubmitAsync("/Integrations/Zoom", formSelector: "form[action*='handler=Reload']");

    private async Task<int> TokenGrantsAsync() => (await _world.SandboxStateAsync())["tokens"]!.AsArray().Count;

    [Fact]
    public async Task Tokens_are_refreshed_ahead_of_expiry_and_the_rotated_refresh_token_keeps_working()
    {
        var grants = await TokenGrantsAsync();
        _world.Clock.Advance(TimeSpan.FromMinutes(56)); // inside the 5-minute margin before the hour
        Assert.Contains("Zoomユーザを読み込みました。", (await ReloadUsersAsync()).Text);
        Assert.Equal(grants + 1, await TokenGrantsAsync());

        // Two more hours: each refresh must use the rotated token (the old one answers invalid_grant).
        _world.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Contains("Zoomユーザを読み込みました。", (await ReloadUsersAsync()).Text);
        _world.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Contains("Zoomユーザを読み込みました。", (await ReloadUsersAsync()).Text);
        Assert.Equal(grants + 3, await TokenGrantsAsync());
        Assert.Equal("Linked", StatusOf(await _admin.GetAsync("/Integrations")));
    }

    [Fact]
    public async Task Invalid_grant_means_reauthorization_required_with_a_banner_and_a_mail_and_authorizing_again_restores_the_link()
    {
        // Someone authorizes the app again on the same Zoom account elsewhere: Zoom invalidates our tokens.
        var stranger = _world.Browser();
        var op = _world.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var email = await op.CreateCompanyAsync("横取り社");
        await stranger.SignInAsync(email, CompanySetup.AdminPassword);
        await ZoomWorld.LinkZoomAsync(stranger); // refused by Saiyo, but Zoom has issued new tokens

        _world.Clock.Advance(TimeSpan.FromMinutes(61));
        var failed = await ReloadUsersAsync();
        Assert.Contains("再認可が必要です", failed.Text);
        var integrations = await _admin.GetAsync("/Integrations");
        Assert.Equal("ReauthorizationRequired", StatusOf(integrations));

        // Admins see the banner on every page; recruiters do not.
        Assert.NotNull((await _admin.GetAsync("/Settings")).Document.QuerySelector("[data-banner=reauthorize]"));
        var recruiter = _world.Browser();
        await recruiter.SignInAsync(Demo.RecruiterEmail);
        Assert.Null((await recruiter.GetAsync("/Settings")).Document.QuerySelector("[data-banner=reauthorize]"));

        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.Received(_world.Smtp).Any(m => m.ToAddresses.Any(a => a.Address == Demo.AdminEmail) && m.Headers["Subject"]!.Contains("再認可", StringComparison.Ordinal))), "the re-authorization mail to the admin");
        Assert.DoesNotContain(ApplicantSetup.Received(_world.Smtp), m => m.ToAddresses.Any(a => a.Address == Demo.RecruiterEmail));

        // 認可開始 again from the same row returns to 連携中.
        Assert.NotNull(integrations.Document.QuerySelector("form[action*='handler=Authorize']"));
        var relinked = await ZoomWorld.LinkZoomAsync(_admin);
        Assert.Contains("Zoomアカウントを連携しました。", relinked.Text);
        Assert.Equal("Linked", StatusOf(await _admin.GetAsync("/Integrations")));
        Assert.Null((await _admin.GetAsync("/Settings")).Document.QuerySelector("[data-banner=reauthorize]"));
    }

    [Fact]
    public async Task A_refused_link_of_our_zoom_account_by_another_company_is_told_to_our_admins_by_mail_and_audit()
    {
        var op = _world.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var stranger = _world.Browser();
        await stranger.SignInAsync(await op.CreateCompanyAsync("横取り社"), CompanySetup.AdminPassword);
        await ZoomWorld.LinkZoomAsync(stranger); // refused by Saiyo; Zoom has ended our tokens all the same

        MimeKit.MimeMessage? Notice() => ApplicantSetup.MailsTo(_world.Smtp, Demo.AdminEmail).FirstOrDefault(m => m.Subject?.Contains("別の会社で認可", StringComparison.Ordinal) == true);
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(Notice() is not null), "the mail to our admin");
        Assert.Contains("認可開始", Notice()!.TextBody);
        Assert.DoesNotContain("横取り社", Notice()!.TextBody); // the other company stays unnamed
        Assert.Empty(ApplicantSetup.MailsTo(_world.Smtp, Demo.RecruiterEmail));

        var audit = await _admin.GetAsync("/Integrations/Audit");
        Assert.NotNull(audit.Document.QuerySelector("tr[data-action='linkage.authorized_elsewhere']"));
        Assert.DoesNotContain("横取り社", audit.Text);
        Assert.Null((await stranger.GetAsync("/Integrations/Audit")).Document.QuerySelector("tr[data-action='linkage.authorized_elsewhere']"));
    }

    [Fact]
    public async Task Removing_the_app_in_the_marketplace_unlinks_the_account_idempotently()
    {
        var accountId = (await _world.SandboxStateAsync())["installations"]![0]!["account_id"]!.GetValue<string>();
        Assert.True((await _world.SandboxPostAsync($"accounts/{accountId}/deauthorize")).IsSuccessStatusCode);

        await ZoomWorld.EventuallyAsync(async () => StatusOf(await _admin.GetAsync("/Integrations")) == "NotLinked", "未連携 after app_deauthorized");
        var detail = await _admin.GetAsync("/Integrations/Zoom");
        Assert.Empty(detail.Document.QuerySelectorAll("tbody tr"));
        Assert.NotNull((await _admin.GetAsync("/Integrations/Audit")).Document.QuerySelector("tr[data-action='linkage.deauthorized']"));
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.Received(_world.Smtp).Any(m => m.Headers["Subject"]!.Contains("解除", StringComparison.Ordinal))), "the unlink mail");
        var sent = await _admin.GetAsync("/Settings/Mails");
        Assert.Contains("【Saiyo】Zoom連携が解除されました", sent.Text);
        Assert.Contains("送信済み", sent.Text);

        // Company isolation for the new URLs: another company's admin finds neither the mail nor the linkage.
        var mailUrl = sent.Document.QuerySelector("main tbody a")!.GetAttribute("href")!;
        var op = _world.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var other = _world.Browser();
        await other.SignInAsync(await op.CreateCompanyAsync("隣の会社"), CompanySetup.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(mailUrl)).Status);
        Assert.DoesNotContain("Zoom連携が解除されました", (await other.GetAsync("/Settings/Mails")).Text);
        Assert.DoesNotContain("linkage.deauthorized", (await other.GetAsync("/Integrations/Audit")).Html);

        // Zoom retries deliveries: the same event again is harmless.
        var delivery = (await _world.SandboxStateAsync())["webhook_deliveries"]!.AsArray().Last(d => d!["body"]!.ToString().Contains("app_deauthorized", StringComparison.Ordinal))!;
        using var again = await PostSignedAsync(delivery["body"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("NotLinked", StatusOf(await _admin.GetAsync("/Integrations")));
        Assert.Single((await _admin.GetAsync("/Integrations/Audit")).Document.QuerySelectorAll("tr[data-action='linkage.deauthorized']"));
    }

    [Fact]
    public async Task Bad_signatures_stale_timestamps_and_unknown_accounts_change_nothing()
    {
        var body = """{"event":"app_deauthorized","event_ts":1,"payload":{"account_id":"ACCOUNT","user_id":"u","signature":"s","deauthorization_time":"2026-11-25T00:00:00Z","client_id":"saiyo-sandbox-client"}}""";
        var accountId = (await _world.SandboxStateAsync())["installations"]![0]!["account_id"]!.GetValue<string>();
        var real = body.Replace("ACCOUNT", accountId, StringComparison.Ordinal);

        using var badSig = await PostSignedAsync(real, secret: "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, badSig.StatusCode);
        Assert.Equal("", await badSig.Content.ReadAsStringAsync());

        using var stale = await PostSignedAsync(real, timestamp: _world.Clock.GetUtcNow().AddMinutes(-10));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);

        using var unknown = await PostSignedAsync(body.Replace("ACCOUNT", "someone-else", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);

        Assert.Equal("Linked", StatusOf(await _admin.GetAsync("/Integrations")));
    }

    [Fact]
    public async Task Zoom_url_validation_is_answered()
    {
        using var response = await _world.SandboxPostAsync("webhooks/validate");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(json["ok"]!.GetValue<bool>(), json.ToJsonString());
    }

    private Task<HttpResponseMessage> PostSignedAsync(string body, string secret = ZoomWorld.WebhookSecret, DateTimeOffset? timestamp = null) =>
        _world.PostWebhookAsync(body, secret, timestamp);
}
