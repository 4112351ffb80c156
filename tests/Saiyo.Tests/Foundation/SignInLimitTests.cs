using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>Sign-in attempts are limited per client address, whatever the e-mail, with a page that says to wait.</summary>
public sealed class SignInLimitTests : IAsyncLifetime
{
    private const string AddressHeader = "X-Test-Client-Address";
    private TestDatabase _db = null!;
    private SaiyoAppFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _app = new SaiyoAppFactory(_db);
        _app.Settings["SignIn:AttemptsPerMinutePerAddress"] = "3";
        // The test server has no client address; this header stands in for the one a real connection carries.
        _app.ConfigureTestServices = s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        _ = _app.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Theory]
    [InlineData("ja", "しばらくお待ちください")]
    [InlineData("en", "Please wait a moment")]
    public async Task The_fourth_attempt_from_one_address_waits_even_with_the_right_password(string lang, string title)
    {
        var address = lang == "ja" ? "203.0.113.10" : "203.0.113.11";
        for (var i = 0; i < 3; i++)
        {
            var refused = await From(address, lang).SignInAsync($"guess{i}@demo.saiyo.test", "Wrong-Password-9");
            Assert.Equal(HttpStatusCode.OK, refused.Status);
        }

        var limited = await From(address, lang).SignInAsync(Demo.RecruiterEmail);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Contains(title, limited.Text);

        // Another address is not held up.
        Assert.Equal("/", (await From(address + "9", lang).SignInAsync(Demo.RecruiterEmail)).Path);
    }

    [Fact]
    public async Task Password_reset_requests_share_the_sign_in_limit()
    {
        const string address = "203.0.113.20";
        var ask = new Dictionary<string, string> { ["Input.Email"] = Demo.RecruiterEmail };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await From(address, "ja").SubmitAsync("/Account/ForgotPassword", ask)).Status);

        var limited = await From(address, "ja").SubmitAsync("/Account/ForgotPassword", ask);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Contains("しばらくお待ちください", limited.Text);
    }

    private SaiyoClient From(string address, string lang)
    {
        var client = _app.CreateSaiyoClient(lang);
        client.Http.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader], out var ip)) context.Connection.RemoteIpAddress = ip;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
