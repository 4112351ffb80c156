using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Saiyo.Data;

/// <summary>
/// SQLite allows one writer at a time. Writers that collide get SQLITE_BUSY, and Microsoft.Data.Sqlite retries a busy
/// statement by sleeping 150 ms, so under a booking rush most of a request's time was sleep (issue 16). One SQLite file
/// is only ever used by one process (the embedded default; several nodes need PostgreSQL), so this process queues its
/// writers instead: a write transaction (EF Core's are BEGIN IMMEDIATE, taking the file's write lock at once) or a
/// write outside one waits for the file's gate, asynchronously and in order, and holds it until it commits, rolls back
/// or its connection closes. Request handlers and background workers all write through EF Core, so all pass the gate.
/// The gate only orders writers; SQLite's own lock still decides, so a wait past <see cref="MaxWait"/> goes on
/// ungated (back to the busy retry) rather than hanging.
/// </summary>
public sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, WriteGate> Gates = new(StringComparer.Ordinal);

    /// <summary>A connection string's gate, and whether its database lives only as long as a connection to it is open.</summary>
    private sealed record GateFor(WriteGate Gate, bool InMemory, SqliteCheckpoints.Log? Wal);
    private static readonly ConditionalWeakTable<DbConnection, Holder> Holders = new();

    /// <summary>The gate a connection holds, if any: released once, by whichever end comes first.</summary>
    private sealed class Holder
    {
        private GateFor? _held;
        private long _since;
        private string _kind = "";

        public bool Holds => Volatile.Read(ref _held) is not null;

        /// <summary>EF Core opened the connection and ran nothing on it since: it carries no state of its own yet.</summary>
        public bool Fresh { get; set; }

        public void Take(GateFor gate, string kind)
        {
            _since = Stopwatch.GetTimestamp();
            _kind = kind;
            Volatile.Write(ref _held, gate);
        }

        /// <summary>Leaves the gate; the next writer, now its holder, still to be woken.</summary>
        public WriteGate.Waiter? Release()
        {
            if (Interlocked.Exchange(ref _held, null) is not { } held) return null;
            WriteGateMetrics.Held(Stopwatch.GetElapsedTime(_since), _kind);
            held.Wal?.Written();
            return held.Gate.Leave();
        }
    }

    private SqliteWriteGate() { }

    // Every write asks for its gate: parse the connection string and resolve the file once per connection-string text.
    private static readonly ConcurrentDictionary<string, GateFor> GatesByConnectionString = new(StringComparer.Ordinal);

    /// <summary>Whether this connection's file is checkpointed by <see cref="SqliteCheckpoints"/> (so its own checkpoints may be off).</summary>
    internal static bool CheckpointsBeside(DbConnection connection) => GateOf(connection).Wal is not null;

    /// <summary>The write-ahead log <see cref="SqliteCheckpoints"/> copies for this connection string's file; null when it has none.</summary>
    internal static SqliteCheckpoints.Log? LogOf(string connectionString) => GateOf(connectionString).Wal;

    private static GateFor GateOf(DbConnection connection) => GateOf(connection.ConnectionString);

    private static GateFor GateOf(string connectionString) =>
        GatesByConnectionString.GetOrAdd(connectionString, static text =>
        {
            var builder = new SqliteConnectionStringBuilder(text);
            var source = builder.DataSource;
            var uri = source.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
            // One gate per file, however its connection strings spell it.
            var key = source is "" or ":memory:" || uri ? text : Path.GetFullPath(source);
            // "" is a temporary file private to its connection: gone on close like :memory:.
            var inMemory = builder.Mode == SqliteOpenMode.Memory || source is "" or ":memory:"
                || (uri && (source.Contains("mode=memory", StringComparison.OrdinalIgnoreCase) || source.Contains(":memory:", StringComparison.Ordinal)));
            // A file's WAL is checkpointed beside its writers (SqliteConnectionSetup turns SQLite's own checkpoints off).
            return new GateFor(Gates.GetOrAdd(key, _ => new WriteGate()), inMemory, inMemory || uri ? null : SqliteCheckpoints.For(key, text));
        });

    private static async ValueTask EnterAsync(DbConnection connection, string kind, bool mayClose, CancellationToken ct)
    {
        var holder = Holders.GetOrCreateValue(connection);
        if (holder.Holds) return;
        var target = GateOf(connection);
        var (gate, inMemory, _) = target;
        if (gate.TryEnter())
        {
            holder.Take(target, kind);
            return;
        }
        var closed = MayClose(connection, holder, mayClose, inMemory);
        if (closed) await connection.CloseAsync();
        try
        {
            if (await gate.EnterAsync(MaxWait, ct)) holder.Take(target, kind);
        }
        finally
        {
            if (closed)
            {
                await connection.OpenAsync(CancellationToken.None);
                SqliteConnectionSetup.SetUp(connection);
            }
        }
    }

    /// <summary>The same for a synchronous BEGIN (nothing hot uses one; Data Protection's key store writes synchronously):
    /// it blocks its thread while it waits, but gives its connection back as the async one does.</summary>
    private static void Enter(DbConnection connection, string kind, bool mayClose)
    {
        var holder = Holders.GetOrCreateValue(connection);
        if (holder.Holds) return;
        var target = GateOf(connection);
        var (gate, inMemory, _) = target;
        if (gate.TryEnter())
        {
            holder.Take(target, kind);
            return;
        }
        var closed = MayClose(connection, holder, mayClose, inMemory);
        if (closed) connection.Close();
        try
        {
            if (gate.Enter(MaxWait)) holder.Take(target, kind);
        }
        finally
        {
            if (closed)
            {
                connection.Open();
                SqliteConnectionSetup.SetUp(connection);
            }
        }
    }

    /// <summary>
    /// Whether a transaction waiting its turn gives its connection back to the pool meanwhile, so that a rush keeps about as
    /// many SQLite connections as requests running, not one per request queued here (issue 16 point 5: each holds its page
    /// cache, schema and statements). Only a connection EF Core opened for this BEGIN with nothing run on it since: a
    /// caller's own open connection may hold state a reopen would lose (a temp table, a connection-level PRAGMA), and an
    /// in-memory database would be dropped. (Functions and collations registered on the SqliteConnection are re-registered
    /// by Microsoft.Data.Sqlite on open; a command run on the DbConnection outside EF Core is not seen here.)
    /// </summary>
    private static bool MayClose(DbConnection connection, Holder holder, bool mayClose, bool inMemory) =>
        mayClose && !inMemory && holder.Fresh && connection is SqliteConnection { State: System.Data.ConnectionState.Open };

    private static void Used(DbCommand command)
    {
        if (command.Connection is { } connection && Holders.TryGetValue(connection, out var holder)) holder.Fresh = false;
    }

    private static void Exit(DbConnection? connection)
    {
        if (connection is not null && Holders.TryGetValue(connection, out var holder)) holder.Release()?.Wake();
    }

    /// <summary>
    /// Leaves the gate from an async end (COMMIT, a lone write done): the next writer runs at once on this thread, and the
    /// rest of this writer's request (its answer; it no longer needs the gate) is queued to the thread pool instead. Woken
    /// the usual way, the next writer held the gate while its continuation waited in the thread pool's queue behind the
    /// running requests, with nobody writing meanwhile.
    /// </summary>
    private static ValueTask ExitAsync(DbConnection? connection) =>
        connection is not null && Holders.TryGetValue(connection, out var holder) && holder.Release() is { } next
            ? new ValueTask(WriteGate.SwapAsync(next))
            : ValueTask.CompletedTask;

    /// <summary>A statement outside a transaction that may write (SQLite runs it as its own transaction).</summary>
    private static bool WritesAlone(DbCommand command)
    {
        if (command.Transaction is not null || command.Connection is null) return false;
        var sql = command.CommandText.AsSpan().TrimStart();
        while (sql.StartsWith("--"))
        {
            var end = sql.IndexOf('\n');
            if (end < 0) return false;
            sql = sql[(end + 1)..].TrimStart();
        }
        return !(sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase));
    }

    // Transactions: the gate from BEGIN to the end.
    async ValueTask<InterceptionResult<DbTransaction>> IDbTransactionInterceptor.TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken)
    {
        await EnterAsync(connection, "transaction", mayClose: true, cancellationToken);
        return result;
    }

    InterceptionResult<DbTransaction> IDbTransactionInterceptor.TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection, "transaction", mayClose: true);
        return result;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Exit(eventData.Context?.Database.GetDbConnection());

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) =>
        ExitAsync(eventData.Context?.Database.GetDbConnection()).AsTask();

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Exit(eventData.Context?.Database.GetDbConnection());

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) =>
        ExitAsync(eventData.Context?.Database.GetDbConnection()).AsTask();

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Exit(eventData.Context?.Database.GetDbConnection());

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken)
    {
        Exit(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    // EF Core opened the connection: nothing of the caller's on it yet (see MayClose).
    void IDbConnectionInterceptor.ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Holders.GetOrCreateValue(connection).Fresh = true;

    Task IDbConnectionInterceptor.ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken)
    {
        Holders.GetOrCreateValue(connection).Fresh = true;
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (an early return) ends when EF Core closes its connection.
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Exit(connection);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Exit(connection);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Exit(connection);

    Task IDbConnectionInterceptor.ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Exit(connection);
        return Task.CompletedTask;
    }

    // A write outside a transaction: the gate around the one statement.
    async ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        Used(command);
        if (WritesAlone(command)) await EnterAsync(command.Connection!, "statement", mayClose: false, cancellationToken);
        return result;
    }

    InterceptionResult<int> IDbCommandInterceptor.NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Used(command);
        if (WritesAlone(command)) Enter(command.Connection!, "statement", mayClose: false);
        return result;
    }

    async ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        if (command.Transaction is null) await ExitAsync(command.Connection);
        return result;
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (command.Transaction is null) Exit(command.Connection);
        return result;
    }

    async ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
    {
        Used(command);
        if (WritesAlone(command)) await EnterAsync(command.Connection!, "statement", mayClose: false, cancellationToken);
        return result;
    }

    InterceptionResult<DbDataReader> IDbCommandInterceptor.ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Used(command);
        if (WritesAlone(command)) Enter(command.Connection!, "statement", mayClose: false);
        return result;
    }

    // An INSERT … RETURNING runs until its reader is done.
    InterceptionResult IDbCommandInterceptor.DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        if (command.Transaction is null) Exit(command.Connection);
        return result;
    }

    ValueTask<InterceptionResult> IDbCommandInterceptor.DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        if (command.Transaction is null) Exit(command.Connection);
        return ValueTask.FromResult(result);
    }

    InterceptionResult IDbCommandInterceptor.DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (command.Transaction is null) Exit(command.Connection);
        return result;
    }

    async ValueTask<InterceptionResult<object>> IDbCommandInterceptor.ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken)
    {
        Used(command);
        if (WritesAlone(command)) await EnterAsync(command.Connection!, "statement", mayClose: false, cancellationToken);
        return result;
    }

    InterceptionResult<object> IDbCommandInterceptor.ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Used(command);
        if (WritesAlone(command)) Enter(command.Connection!, "statement", mayClose: false);
        return result;
    }

    ValueTask<object?> IDbCommandInterceptor.ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken)
    {
        if (command.Transaction is null) Exit(command.Connection);
        return ValueTask.FromResult(result);
    }

    object? IDbCommandInterceptor.ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        if (command.Transaction is null) Exit(command.Connection);
        return result;
    }

    void IDbCommandInterceptor.CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        if (command.Transaction is null) Exit(command.Connection);
    }

    Task IDbCommandInterceptor.CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken)
    {
        if (command.Transaction is null) Exit(command.Connection);
        return Task.CompletedTask;
    }
}
