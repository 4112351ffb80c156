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

    [Fact]
    public async Task A_transaction_queued_on_an_in_memory_database_keeps_the_database()
    {
        if (TestDatabase.IsPostgres) Assert.Skip("the write gate is SQLite's");
        var ct = TestContext.Current.CancellationToken;
        // Each :memory: connection is its own database, gone when it closes; one connection string, one gate.
        var memory = $"Data Source=:memory:;Pooling=False;Default Timeout={Random.Shared.Next(1000, 100_000)}";
        await using var holder = Context(memory);
        await using var waiter = Context(memory);
        await waiter.Database.OpenConnectionAsync(ct);
        await waiter.Database.ExecuteSqlRawAsync("CREATE TABLE kept (id INTEGER); INSERT INTO kept VALUES (1);", ct);

        await using var held = await holder.Database.BeginTransactionAsync(ct);
        var queued = waiter.Database.BeginTransactionAsync(ct);
        await Task.Yield();
        Assert.False(queued.IsCompleted);
        await held.CommitAsync(ct);

        await using var transaction = await queued.WaitAsync(TimeSpan.FromSeconds(120), ct);
        Assert.Equal(1, await waiter.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM kept").SingleAsync(ct));
    }

    [Fact]
    public async Task A_transaction_queued_on_a_connection_its_caller_opened_keeps_the_connection_and_its_temp_table()
    {
        if (TestDatabase.IsPostgres) Assert.Skip("the write gate is SQLite's");
        var ct = TestContext.Current.CancellationToken;
        await using var first = _app.Services.CreateAsyncScope();
        await using var second = _app.Services.CreateAsyncScope();
        var holder = first.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var caller = second.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        await caller.Database.OpenConnectionAsync(ct);
        await caller.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE mine (id INTEGER); INSERT INTO mine VALUES (1);", ct);
        var connection = caller.Database.GetDbConnection();

        await using var held = await holder.Database.BeginTransactionAsync(ct);
        var queued = caller.Database.BeginTransactionAsync(ct);
        await Task.Yield();
        Assert.False(queued.IsCompleted);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        await held.CommitAsync(ct);

        await using var transaction = await queued.WaitAsync(TimeSpan.FromSeconds(120), ct);
        Assert.Equal(1, await caller.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM temp.mine").SingleAsync(ct));
    }

    [Fact]
    public async Task A_synchronous_transaction_gives_its_connection_back_while_it_queues()
    {
        if (TestDatabase.IsPostgres) Assert.Skip("the write gate is SQLite's");
        var ct = TestContext.Current.CancellationToken;
        await using var first = _app.Services.CreateAsyncScope();
        await using var second = _app.Services.CreateAsyncScope();
        var holder = first.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var waiter = second.ServiceProvider.GetRequiredService<SaiyoDbContext>();

        await using var held = await holder.Database.BeginTransactionAsync(ct);
        var queued = Task.Run(() => waiter.Database.BeginTransaction(), ct);
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(waiter.Database.GetDbConnection().State == System.Data.ConnectionState.Closed),
            "the queued synchronous transaction's connection closed while it waits");
        Assert.False(queued.IsCompleted);
        await held.CommitAsync(ct);

        using var transaction = await queued.WaitAsync(TimeSpan.FromSeconds(120), ct);
        Assert.Equal(System.Data.ConnectionState.Open, waiter.Database.GetDbConnection().State);
        await waiter.Database.ExecuteSqlRawAsync("CREATE TABLE sync_probe (id INTEGER)", ct);
        transaction.Commit();
        Assert.Equal(0, await waiter.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sync_probe").SingleAsync(ct));
    }

    [Fact]
    public async Task The_write_ahead_log_is_copied_into_the_database_file_beside_the_writers()
    {
        if (TestDatabase.IsPostgres) Assert.Skip("the write-ahead log is SQLite's");
        var ct = TestContext.Current.CancellationToken;
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        // A committing writer never checkpoints (it would, inside the write gate, while readers keep the WAL from restarting).
        await db.Database.OpenConnectionAsync(ct);
        await using (var pragma = db.Database.GetDbConnection().CreateCommand())
        {
            pragma.CommandText = "PRAGMA wal_autocheckpoint";
            Assert.Equal(0L, await pragma.ExecuteScalarAsync(ct));
        }

        var file = new FileInfo(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_db.ConnectionString).DataSource);
        var before = file.Length;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // 2 MB: 500 pages, under SQLite's own 1,000-page threshold, so only Saiyo's checkpoint copies them into the file.
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE wal_probe (data BLOB); INSERT INTO wal_probe VALUES (randomblob(2000000));", ct);
            await transaction.CommitAsync(ct);
        }
        await ZoomWorld.EventuallyAsync(() =>
        {
            file.Refresh();
            return Task.FromResult(file.Length >= before + 2_000_000);
        }, "the committed pages reached the database file while its connections stay open");
    }

    [Fact]
    public async Task The_checkpoints_run_as_the_host_s_service_and_stop_when_it_stops()
    {
        if (TestDatabase.IsPostgres) Assert.Skip("the write-ahead log is SQLite's");
        var checkpoints = Assert.Single(_app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SqliteCheckpoints>());
        Assert.False(checkpoints.ExecuteTask!.IsCompleted, "the checkpoints run while the host runs");
        await _app.DisposeAsync(); // stops the host
        Assert.True(checkpoints.ExecuteTask.IsCompletedSuccessfully, $"the checkpoints ended with the host: {checkpoints.ExecuteTask.Status}");
    }

    private static SaiyoDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SaiyoDbContext>();
        options.UseSaiyoDatabase(DatabaseProvider.Sqlite, connectionString);
        return new(options.Options);
    }
}
