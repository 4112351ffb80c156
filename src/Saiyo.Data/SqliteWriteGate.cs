using System.Collections.Concurrent;
using System.Data.Common;
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
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<DbConnection, Holder> Holders = new();

    /// <summary>The gate a connection holds, if any: released once, by whichever end comes first.</summary>
    private sealed class Holder
    {
        private SemaphoreSlim? _held;

        public bool Holds => Volatile.Read(ref _held) is not null;

        public void Take(SemaphoreSlim gate) => Volatile.Write(ref _held, gate);

        public void Release() => Interlocked.Exchange(ref _held, null)?.Release();
    }

    private SqliteWriteGate() { }

    // Every write asks for its gate: parse the connection string and resolve the file once per connection-string text.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> GatesByConnectionString = new(StringComparer.Ordinal);

    private static SemaphoreSlim GateOf(DbConnection connection) =>
        GatesByConnectionString.GetOrAdd(connection.ConnectionString, static text =>
        {
            var source = new SqliteConnectionStringBuilder(text).DataSource;
            // One gate per file, however its connection strings spell it.
            var key = source is "" or ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? text : Path.GetFullPath(source);
            return Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        });

    private static async ValueTask EnterAsync(DbConnection connection, CancellationToken ct)
    {
        var holder = Holders.GetOrCreateValue(connection);
        if (holder.Holds) return;
        var gate = GateOf(connection);
        if (await gate.WaitAsync(MaxWait, ct)) holder.Take(gate);
    }

    private static void Enter(DbConnection connection)
    {
        var holder = Holders.GetOrCreateValue(connection);
        if (holder.Holds) return;
        var gate = GateOf(connection);
        if (gate.Wait(MaxWait)) holder.Take(gate);
    }

    private static void Exit(DbConnection? connection)
    {
        if (connection is not null && Holders.TryGetValue(connection, out var holder)) holder.Release();
    }

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
        await EnterAsync(connection, cancellationToken);
        return result;
    }

    InterceptionResult<DbTransaction> IDbTransactionInterceptor.TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection);
        return result;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Exit(eventData.Context?.Database.GetDbConnection());

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Exit(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Exit(eventData.Context?.Database.GetDbConnection());

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Exit(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Exit(eventData.Context?.Database.GetDbConnection());

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken)
    {
        Exit(eventData.Context?.Database.GetDbConnection());
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
        if (WritesAlone(command)) await EnterAsync(command.Connection!, cancellationToken);
        return result;
    }

    InterceptionResult<int> IDbCommandInterceptor.NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (WritesAlone(command)) Enter(command.Connection!);
        return result;
    }

    ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        if (command.Transaction is null) Exit(command.Connection);
        return ValueTask.FromResult(result);
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (command.Transaction is null) Exit(command.Connection);
        return result;
    }

    async ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
    {
        if (WritesAlone(command)) await EnterAsync(command.Connection!, cancellationToken);
        return result;
    }

    InterceptionResult<DbDataReader> IDbCommandInterceptor.ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (WritesAlone(command)) Enter(command.Connection!);
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
        if (WritesAlone(command)) await EnterAsync(command.Connection!, cancellationToken);
        return result;
    }

    InterceptionResult<object> IDbCommandInterceptor.ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (WritesAlone(command)) Enter(command.Connection!);
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
