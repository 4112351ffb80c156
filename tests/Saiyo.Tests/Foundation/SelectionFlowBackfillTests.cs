using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Data;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>
/// A company made before 選考フロー existed has no 選考ステップ: the next start-up gives it the default steps, once
/// (a second node starting later adds nothing); a company that removed every step itself keeps none.
/// </summary>
public sealed class SelectionFlowBackfillTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    private const string Flow = "/Settings/SelectionFlow";
    private static readonly string[] Defaults = ["説明会", "一次面接", "二次面接", "最終面接", "内定"];

    [Fact]
    public async Task A_company_without_steps_from_an_older_version_gets_the_default_steps_once_at_start_up()
    {
        var old = await fx.App.CreateCompanyWithAdminAsync("旧バージョン社");
        var emptied = await fx.App.CreateCompanyWithAdminAsync("全削除社");
        Assert.Equal(Defaults, await StepsAsync(old));

        // 全削除社 deletes every step itself.
        foreach (var _ in Defaults)
        {
            var page = await emptied.GetAsync(Flow);
            await emptied.SubmitAsync(page, formSelector: "form[action*='handler=Delete']");
        }
        Assert.Empty(await StepsAsync(emptied));

        // A database written before 選考フロー: 旧バージョン社 has neither steps nor the mark that it got them. No page makes
        // an old database, so this is arranged in the database (the only shortcut of this test).
        using (var scope = fx.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
            var id = await db.Companies.Where(c => c.Name == "旧バージョン社").Select(c => c.Id).SingleAsync();
            await db.SelectionSteps.Where(s => s.CompanyId == id).ExecuteDeleteAsync();
            await db.Companies.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.SelectionFlowSeeded, false));
        }
        Assert.Empty(await StepsAsync(old));

        // The new version starts (a node), then another node: the default steps once, and nothing for 全削除社.
        await using (var upgraded = new SaiyoAppFactory(fx.Database)) _ = upgraded.Server;
        await using (var another = new SaiyoAppFactory(fx.Database)) _ = another.Server;
        Assert.Equal(Defaults, await StepsAsync(old));
        Assert.Empty(await StepsAsync(emptied));
    }

    private static async Task<string[]> StepsAsync(SaiyoClient admin) =>
        (await admin.GetAsync(Flow)).Document.QuerySelectorAll("tr[data-step-id] input[name=Name]").Select(i => i.GetAttribute("value")!).ToArray();
}
