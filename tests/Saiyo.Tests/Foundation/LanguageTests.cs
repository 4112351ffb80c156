using System.Net;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

public sealed class LanguageTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    [Fact]
    public async Task Japanese_is_the_default_without_any_preference()
    {
        var client = fx.App.CreateSaiyoClient(language: "");
        var page = await client.GetAsync("/Account/Login");
        Assert.Equal("ja", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("ログイン", page.Text);
    }

    [Fact]
    public async Task Accept_language_english_gets_english_pages()
    {
        var page = await fx.App.CreateSaiyoClient("en-US,en;q=0.9").GetAsync("/Account/Login");
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Sign in to the admin screen", page.Text);
    }

    [Fact]
    public async Task The_switcher_choice_is_remembered_over_accept_language()
    {
        var client = fx.App.CreateSaiyoClient("ja");
        var home = await client.SignInAsync(Demo.AdminEmail);
        var switched = await client.SubmitAsync(home, new Dictionary<string, string> { ["culture"] = "en" }, "form.lang-switch");
        Assert.Equal(HttpStatusCode.OK, switched.Status);
        Assert.Contains("Web-interview linkage services", switched.Text);

        var later = await client.GetAsync("/Settings");
        Assert.Contains("Time zone", later.Text);
        Assert.Equal("en", later.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Switching_after_a_refused_form_returns_to_the_page_and_not_to_its_post_handler()
    {
        var client = fx.App.CreateSaiyoClient("ja");
        await client.SignInAsync(Demo.AdminEmail);
        var refused = await client.SubmitAsync("/Settings/SelectionFlow", new Dictionary<string, string> { ["Name"] = "" }, "form.add-step");
        Assert.Equal("?handler=Add", refused.Url.Query);
        Assert.NotEmpty(refused.Errors);

        var switched = await client.SubmitAsync(refused, new Dictionary<string, string> { ["culture"] = "en" }, "form.lang-switch");
        Assert.Equal(HttpStatusCode.OK, switched.Status);
        Assert.Equal("/Settings/SelectionFlow", switched.Path);
        Assert.Equal("", switched.Url.Query);
        Assert.Equal("en", switched.Document.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("ja", "ページが見つかりません")]
    [InlineData("en", "Page not found")]
    public async Task Unknown_urls_get_a_404_page_in_the_users_language(string lang, string title)
    {
        var client = fx.App.CreateSaiyoClient(lang);
        await client.SignInAsync(Demo.RecruiterEmail);
        var page = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains(title, page.Text);
    }
}
