using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Data;
using Saiyo.Data.Audit;
using Saiyo.Tests.Applicants;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Integrations;

/// <summary>
/// 連携の操作履歴 reads as sentences in the reader's language: no "6 users", no enum names, no English in the Japanese
/// page and no Japanese in the English one (but for names); entries written before facts were stored still read sensibly.
/// </summary>
public sealed partial class AuditSentenceTests(MailWorldFixture fx) : IClassFixture<MailWorldFixture>
{
    private ZoomWorld W => fx.World;

    [Fact]
    public async Task Linking_and_unlinking_read_as_japanese_and_english_sentences_and_old_entries_still_read_sensibly()
    {
        var admin = W.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        await ZoomWorld.LinkZoomAsync(admin);
        await admin.SubmitAsync(await admin.GetAsync("/Integrations/Zoom/Unlink"));
        await AddOldEntriesAsync();

        var ja = await admin.GetAsync("/Integrations/Audit");
        Assert.Contains("Zoomの認可を開始しました。", What(ja, "linkage.authorization_started"));
        Assert.Matches(@"^Zoomアカウント \S+（admin@sandbox\.zoom\.test）と連携しました。$", What(ja, "linkage.authorized").Single());
        Assert.Contains(What(ja, "linkage.users_reloaded"), w => SandboxUsers().IsMatch(w));
        Assert.Matches(@"^Zoomアカウント \S+ との連携を解除しました。$", What(ja, "linkage.unlinked").Single());
        // Old rows: their free text is read back into the same sentences (the status change twice: the new row and the old one).
        Assert.Contains("Zoomユーザを読み込みました（6人）。", What(ja, "linkage.users_reloaded"));
        Assert.Equal(2, What(ja, "linkage.status_changed").Count(w => w == "Zoom連携の状態を「認可待ち」に変更しました。"));
        Assert.Contains("Zoom App MarketplaceでZoomユーザ zoom-user-1 がアプリを削除したため、Zoomアカウント acc-old との連携を解除しました。", What(ja, "linkage.deauthorized"));
        Assert.Contains("Zoom", Who(ja, "linkage.deauthorized"));
        // A shape it does not know gets the sentence without facts and shows the text as it was typed.
        Assert.Equal("Zoom側での連携の取り消しに失敗しました。Saiyoに保存していたトークンは削除しました。 Zoomでの取り消し: 不明な形式", What(ja, "linkage.revoke_failed").Single());
        foreach (var text in What(ja).Concat(Who(ja)))
            Assert.DoesNotMatch(@"\busers\b|AwaitingAuthorization|NotLinked|\baccount\b|removed in", text);

        var english = W.Browser(language: "en");
        english.Cookies.Add(new Uri(W.SaiyoUrl), admin.Cookies.GetAllCookies());
        var en = await english.GetAsync("/Integrations/Audit");
        Assert.Contains("Set the Zoom linkage to “Awaiting authorization”.", What(en, "linkage.status_changed"));
        Assert.Contains("Started authorization with Zoom.", What(en, "linkage.authorization_started"));
        Assert.Contains("Loaded the Zoom users (6 in all).", What(en, "linkage.users_reloaded"));
        Assert.Matches(@"^Unlinked Zoom account \S+\.$", What(en, "linkage.unlinked").Single());
        Assert.Contains("Zoom user zoom-user-1 removed the app in the Zoom App Marketplace, so Zoom account acc-old was unlinked.", What(en, "linkage.deauthorized"));
        foreach (var text in What(en).Where(t => !t.Contains("Zoomでの取り消し", StringComparison.Ordinal)))
            Assert.DoesNotMatch(@"\p{IsHiragana}|\p{IsKatakana}|\p{IsCJKUnifiedIdeographs}", text);
        Assert.StartsWith("Could not revoke the link at Zoom. The tokens stored in Saiyo were deleted anyway.", What(en, "linkage.revoke_failed").Single());
    }

    /// <summary>
    /// Rows as earlier versions wrote them (free text in Detail). They can no longer be made over HTTP, so this is the one
    /// arrangement done in the database.
    /// </summary>
    private async Task AddOldEntriesAsync()
    {
        using var scope = W.Nodes[0].App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var company = await db.Companies.Where(c => c.Name == Demo.CompanyName).Select(c => c.Id).SingleAsync();
        var at = W.Clock.GetUtcNow().UtcDateTime.AddDays(-30);
        AuditEntry Old(string action, string? detail, string actor = "デモ 旧管理者") =>
            new() { CompanyId = company, AtUtc = at, ActorName = actor, Action = action, Detail = detail, IpAddress = "192.0.2.1" };
        db.AuditEntries.AddRange(
            Old("linkage.status_changed", "AwaitingAuthorization"),
            Old("linkage.users_reloaded", "6 users"),
            Old("linkage.deauthorized", "account acc-old; removed in Zoom App Marketplace by user zoom-user-1", "Zoom"),
            Old("linkage.revoke_failed", "Zoomでの取り消し: 不明な形式"));
        await db.SaveChangesAsync();
    }

    private static List<string> What(HtmlPage page, string? action = null) => Cells(page, action, "td.audit-what");

    private static List<string> Who(HtmlPage page, string? action = null) => Cells(page, action, "td.audit-who");

    private static List<string> Cells(HtmlPage page, string? action, string cell) =>
        page.Document.QuerySelectorAll(action is null ? "tr[data-action]" : $"tr[data-action='{action}']")
            .Select(r => Regex.Replace(r.QuerySelector(cell)!.TextContent, @"\s+", " ").Trim()).ToList();

    [GeneratedRegex(@"^Zoomユーザを読み込みました（\d+人）。$")]
    private static partial Regex SandboxUsers();
}
