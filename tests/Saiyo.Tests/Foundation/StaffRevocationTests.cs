using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>Two nodes on one database: revoking a staff member on node A ends their cookie on node B at the next request.</summary>
public sealed class StaffRevocationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private SaiyoAppFactory _nodeA = null!;
    private SaiyoAppFactory _nodeB = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _nodeA = new SaiyoAppFactory(_db);
        _ = _nodeA.Server;
        _nodeB = new SaiyoAppFactory(_db);
        _ = _nodeB.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_disabled_recruiter_loses_access_on_the_other_node_at_once()
    {
        var (admin, edit, email) = await AddStaffAsync("Recruiter");
        var recruiter = await SignedInOnBAsync(email);
        var form = await recruiter.GetAsync("/SelectionMeetings/Create");
        Assert.Equal(HttpStatusCode.OK, form.Status);

        await admin.SubmitAsync(edit, formSelector: "form[action$='handler=Toggle']");

        Assert.Equal("/Account/Login", (await recruiter.GetAsync("/SelectionMeetings")).Path);
        // A form fetched before the change does not create anything either.
        var posted = await recruiter.SubmitAsync(form, new Dictionary<string, string> { ["Input.Name"] = "無効化後の選考会" });
        Assert.Equal("/Account/Login", posted.Path);
        Assert.DoesNotContain("無効化後の選考会", (await admin.GetAsync("/SelectionMeetings")).Text);
    }

    [Fact]
    public async Task A_deleted_recruiter_loses_access_on_the_other_node_at_once()
    {
        var (admin, edit, email) = await AddStaffAsync("Recruiter");
        var recruiter = await SignedInOnBAsync(email);

        await admin.SubmitAsync(edit, formSelector: "form[action$='handler=Delete']");

        Assert.Equal("/Account/Login", (await recruiter.GetAsync("/SelectionMeetings")).Path);
    }

    [Fact]
    public async Task A_demoted_admin_cannot_create_a_new_admin_with_the_old_cookie()
    {
        var (admin, edit, email) = await AddStaffAsync("Admin");
        var demoted = await SignedInOnBAsync(email);
        var createForm = await demoted.GetAsync("/Settings/Staff/Create");
        Assert.Equal(HttpStatusCode.OK, createForm.Status);

        var saved = await admin.SubmitAsync(edit, new Dictionary<string, string> { ["Input.Role"] = "Recruiter" });
        Assert.Equal("/Settings/Staff", saved.Path);

        var backdoor = $"backdoor-{Guid.NewGuid():N}@demo.saiyo.test";
        var posted = await demoted.SubmitAsync(createForm, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "裏口", ["Input.Email"] = backdoor, ["Input.Password"] = "Backdoor-Pass1", ["Input.Role"] = "Admin",
        });
        Assert.Equal("/Account/Login", posted.Path);
        Assert.DoesNotContain(backdoor, (await admin.GetAsync("/Settings/Staff")).Text);
        Assert.Equal("/Account/Login", (await _nodeB.CreateSaiyoClient().SignInAsync(backdoor, "Backdoor-Pass1")).Path);

        // Signed in again, the person is a recruiter now.
        var again = await SignedInOnBAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/Settings/Staff/Create")).Status);
    }

    [Fact]
    public async Task Signing_out_ends_the_cookie_on_the_server_for_every_node()
    {
        var cookies = new CookieContainer();
        var onA = _nodeA.CreateSaiyoClient(cookies: cookies);
        var home = await onA.SignInAsync(Demo.RecruiterEmail);
        Assert.Equal("/", home.Path);
        // A copy of the cookie taken before sign-out (e.g. by someone at the same machine).
        var copy = new CookieContainer();
        copy.Add(cookies.GetAllCookies());

        Assert.Equal("/Account/Login", (await onA.SubmitAsync(home, formSelector: "form.logout")).Path);

        var replayed = _nodeB.CreateSaiyoClient(cookies: copy);
        Assert.Equal("/Account/Login", (await replayed.GetAsync("/SelectionMeetings")).Path);
    }

    /// <summary>The demo admin on node A adds a staff member; returns the admin, the member's edit URL and e-mail.</summary>
    private async Task<(SaiyoClient Admin, string EditUrl, string Email)> AddStaffAsync(string role)
    {
        var admin = _nodeA.CreateSaiyoClient();
        Assert.Equal("/", (await admin.SignInAsync(Demo.AdminEmail)).Path);
        var email = $"revoke-{Guid.NewGuid():N}@demo.saiyo.test";
        var list = await admin.SubmitAsync("/Settings/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "取消 確認", ["Input.Email"] = email, ["Input.Password"] = StaffPassword, ["Input.Role"] = role,
        });
        Assert.Equal("/Settings/Staff", list.Path);
        var edit = list.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains(email, StringComparison.Ordinal)).QuerySelector("a")!.GetAttribute("href")!;
        return (admin, edit, email);
    }

    private async Task<SaiyoClient> SignedInOnBAsync(string email)
    {
        var client = _nodeB.CreateSaiyoClient();
        Assert.Equal("/", (await client.SignInAsync(email, StaffPassword)).Path);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/SelectionMeetings")).Status);
        return client;
    }

    private const string StaffPassword = "Revocation-Pass1";
}
