using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Data;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>
/// SQLite's writers queue at the file's write gate (Saiyo.Data's SqliteWriteGate; PostgreSQL has none). A transaction
/// waiting its turn must not keep a SQLite connection open (a rush would hold one per queued request: issue 16's memory),
/// and a wait given up must leave the gate to the writers behind it.
/// </summary>
[Trait("Database", "Sqlite")] // scripts/test.sh leaves it out of the PostgreSQL run, so that run skips nothing
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private SaiyoAppFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _app = new SaiyoAppFactory(_db);
        _ = _app.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_queued_transaction_gives_its_connection_back_and_a_cancelled_wait_leaves_the_gate_to_the_next_writer()
    {
        if (TestDatabase.IsPostgres) Assert.Skip("the write gate is SQLite's (a PostgreSQL run outside scripts/test.sh)");
        await using var first = _app.Services.CreateAsyncScope();
        await using var second = _app.Services.CreateAsyncScope();
        await using var third = _app.Services.CreateAsyncScope();
        var holder = first.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var cancelled = second.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var next = third.ServiceProvider.GetRequiredService<SaiyoDbContext>();

        await using var held = await holder.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        using var giveUp = new CancellationTokenSource();
        var waiting = cancelled.Database.BeginTransactionAsync(giveUp.Token);
        // EF Core opens the connection for BEGIN; while the transaction queues, the connection is back in the pool.
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(cancelled.Database.GetDbConnection().State == System.Data.ConnectionState.Closed),
            "the queued transaction's connection closed while it waits");
        Assert.False(waiting.IsCompleted);

        var queued = next.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(queued.IsCompleted);

        await held.CommitAsync(TestContext.Current.CancellationToken);
        // The cancelled waiter is out of the queue: the gate passes to the writer behind it, which writes and commits.
        await using var nextTransaction = await queued.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        Assert.Equal(System.Data.ConnectionState.Open, next.Database.GetDbConnection().State);
        await next.Database.ExecuteSqlRawAsync("CREATE TABLE gate_probe (id INTEGER)", TestContext.Current.CancellationToken);
        await nextTransaction.CommitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await next.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM gate_probe").SingleAsync(TestContext.Current.CancellationToken));
    }
}
