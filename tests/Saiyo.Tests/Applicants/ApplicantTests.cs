using System.Net;
using Saiyo.Tests.Foundation;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>応募者 as a recruiter keeps them: register, search, edit, offer 選考会, and the マイページ link's life.</summary>
public sealed class ApplicantTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    [Fact]
    public async Task A_recruiter_registers_searches_and_edits_applicants()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var id = await staff.CreateApplicantAsync("山田 太郎", "taro.yamada@example.test", kana: "やまだ たろう", organization: "東京大学");
        await staff.CreateApplicantAsync("Alice Smith", "alice@example.test", language: "en", organization: "Example Corp");

        var found = await staff.GetAsync("/Applicants?q=" + Uri.EscapeDataString("やまだ"));
        var row = Assert.Single(found.Document.QuerySelectorAll("tr[data-applicant-id]"));
        Assert.Equal(id.ToString(), row.GetAttribute("data-applicant-id"));
        Assert.Contains("東京大学", row.TextContent);
        Assert.Single((await staff.GetAsync("/Applicants?q=EXAMPLE.test")).Document.QuerySelectorAll("tr[data-applicant-id]"), r => r.TextContent.Contains("Alice", StringComparison.Ordinal));

        var edited = await staff.SubmitAsync($"/Applicants/{id}", new Dictionary<string, string> { ["Input.Phone"] = "090-1234-5678", ["Input.Organization"] = "京都大学" });
        Assert.Equal($"/Applicants/{id}", edited.Path);
        Assert.Contains("京都大学", (await staff.GetAsync("/Applicants?q=090-1234")).Text);

        var refused = await staff.SubmitAsync("/Applicants/Create", new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Email"] = "not-an-email" });
        Assert.Equal("/Applicants/Create", refused.Path);
        Assert.True(refused.Errors.Count() >= 2, string.Join(" | ", refused.Errors));
    }

    [Fact]
    public async Task A_reissued_or_revoked_link_and_a_tampered_one_answer_link_not_valid()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var id = await staff.CreateApplicantAsync("佐藤 花子", "hanako@example.test");
        var first = await staff.SendMyPageLinkAsync(id);
        var applicant = fx.App.CreateSaiyoClient();
        var page = await applicant.GetAsync(first);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("佐藤 花子", page.Text);

        var second = await staff.SendMyPageLinkAsync(id);
        Assert.NotEqual(first, second);
        var old = await applicant.GetAsync(first);
        Assert.Equal(HttpStatusCode.NotFound, old.Status);
        Assert.Equal("invalid-link", ApplicantSetup.Outcome(old));
        Assert.DoesNotContain("佐藤", old.Text);

        var tampered = await applicant.GetAsync(second[..^2] + (second.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"));
        Assert.Equal(HttpStatusCode.NotFound, tampered.Status);
        Assert.Equal("invalid-link", ApplicantSetup.Outcome(tampered));
        Assert.Equal("invalid-link", ApplicantSetup.Outcome(await applicant.GetAsync("/my/short")));

        var revoked = await staff.SubmitAsync(await staff.GetAsync($"/Applicants/{id}"), formSelector: "form[action*='handler=RevokeLink']");
        Assert.Equal($"/Applicants/{id}", revoked.Path);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync(second)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.PostRawAsync(second + "?handler=Book", [new("scheduleId", Guid.NewGuid().ToString())])).Status);
    }
}
