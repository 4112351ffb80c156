using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Browser;

/// <summary>Saiyo on a real Kestrel port on loopback, for the browser.</summary>
public sealed class LiveSaiyo : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public SaiyoAppFactory App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        App = new SaiyoAppFactory(Database);
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
