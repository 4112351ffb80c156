using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>Two Saiyo nodes on one database behave as one installation.</summary>
public sealed class MultiNodeTests
{
    [Fact]
    public async Task A_cookie_issued_by_one_node_is_accepted_by_the_other()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var nodeA = new SaiyoAppFactory(db);
        _ = nodeA.Server;
        await using var nodeB = new SaiyoAppFactory(db);
        _ = nodeB.Server;

        var cookies = new CookieContainer();
        var onA = nodeA.CreateSaiyoClient(cookies: cookies);
        Assert.Equal("/", (await onA.SignInAsync(Demo.AdminEmail)).Path);

        // Same browser, the load balancer now sends it to node B.
        var onB = nodeB.CreateSaiyoClient(cookies: cookies);
        var page = await onB.GetAsync("/Settings");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/Settings", page.Path);

        // And a form rendered by node B posts fine to node A (antiforgery keys are shared too).
        var saved = await onA.SubmitAsync(page, new Dictionary<string, string> { ["Input.Name"] = Demo.CompanyName });
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("保存しました。", saved.Text);
    }
}
