using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>Every response carries the security headers; over https every cookie is Secure and HSTS is sent.</summary>
public sealed class SecurityHeadersTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    // HSTS is never sent to localhost (the library's rule), so https requests name a real-looking host.
    private const string HttpsBase = "https://saiyo.example.test";

    private HttpClient Raw(string baseUrl = "http://localhost") => fx.App.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(baseUrl), AllowAutoRedirect = false, HandleCookies = false,
    });

    private static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(", ", v) : r.Content.Headers.TryGetValues(name, out var c) ? string.Join(", ", c) : "";

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/")] // a redirect to the login page
    [InlineData("/no-such-page")]
    [InlineData("/css/site.css")]
    [InlineData("/js/site.js")]
    [InlineData("/healthz")]
    [InlineData("/zoom-sandbox/")]
    [InlineData("/zoom-sandbox/marketplace")]
    public async Task Every_response_has_a_strict_csp_and_the_framing_and_sniffing_headers(string url)
    {
        using var response = await Raw().GetAsync(url);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"), ignoreCase: true);
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("", Header(response, "Strict-Transport-Security")); // plain http: no HSTS
    }

    [Fact]
    public async Task The_webhook_endpoints_bare_401_carries_the_headers_too()
    {
        using var response = await Raw().PostAsync("/webhooks/zoom", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task My_page_sends_no_referrer_at_all()
    {
        using var response = await Raw().GetAsync("/my/not-a-real-token-but-long-enough-0123456789");
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Pages_hold_no_inline_script_or_style()
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        foreach (var url in new[] { "/", "/Settings", "/Settings/Staff", "/Settings/MailTemplates", "/SelectionMeetings", "/Applicants", "/Integrations", "/zoom-sandbox/" })
        {
            var page = await admin.GetAsync(url);
            Assert.Empty(page.Document.QuerySelectorAll("script:not([src]), style, [style]"));
            Assert.DoesNotContain(page.Document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        }
    }

    [Fact]
    public async Task Over_https_hsts_is_sent_and_every_cookie_is_secure()
    {
        using (var login = await Raw(HttpsBase).GetAsync("/Account/Login"))
        {
            Assert.StartsWith("max-age=", Header(login, "Strict-Transport-Security"));
            var af = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("saiyo.af=", StringComparison.Ordinal));
            Assert.Contains("secure", af, StringComparison.OrdinalIgnoreCase);
        }

        var cookies = new CookieContainer();
        var handler = new BrowserLikeHandler(cookies);
        var client = new SaiyoClient(fx.App.CreateDefaultClient(new Uri(HttpsBase), handler), cookies);
        Assert.Equal("/", (await client.SignInAsync(Demo.RecruiterEmail)).Path);
        var home = await client.GetAsync("/");
        await client.SubmitAsync(home, new Dictionary<string, string> { ["culture"] = "en" }, "form.lang-switch");

        var all = cookies.GetAllCookies();
        Assert.Contains(all, c => c.Name == "saiyo.auth");
        Assert.Contains(all, c => c.Name.Contains("Culture", StringComparison.OrdinalIgnoreCase));
        Assert.All(all, c => Assert.True(c.Secure, $"{c.Name} is not Secure"));
    }
}
