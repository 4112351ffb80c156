using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>One seeded Saiyo node on its own database, shared by the tests of one class.</summary>
public sealed class SaiyoAppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public SaiyoAppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        App = new SaiyoAppFactory(Database);
        _ = App.Server; // start now: migrations and seeding run here, not inside the first test
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
