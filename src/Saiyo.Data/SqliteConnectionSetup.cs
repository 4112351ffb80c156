using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Saiyo.Data;

/// <summary>
/// Each SQLite connection keeps its own page cache (2 MB by default), and Microsoft.Data.Sqlite's pool keeps every
/// connection it ever opened at once: about one per request in flight, so a rush of 100 connections held ~200 MB of
/// native memory beside the GC heap (issue 16 point 5). The file's pages stay in the OS's page cache anyway, so a miss
/// in a small cache costs a read call, not a disk read: a マイページ GET reads a random applicant's pages that no cache size
/// would hold, and a booking's hot pages (its 日程 rows, the indexes' upper levels) fit in 64 pages. Set once per physical
/// connection (the pool reuses its handle).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    /// <summary>Page cache per connection, in KiB (SQLite's default is 2,000).</summary>
    public const int CacheKiB = 256;

    private static readonly ConditionalWeakTable<object, object> Done = new();

    private SqliteConnectionSetup() { }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SetUp(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SetUp(connection); // one in-process statement, once per physical connection: no I/O to wait for
        return Task.CompletedTask;
    }

    internal static void SetUp(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || Done.TryGetValue(handle, out _)) return;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA cache_size = -{CacheKiB}";
            command.ExecuteNonQuery();
            if (SqliteWriteGate.CheckpointsBeside(connection))
            {
                // Not in the committing writer, inside the write gate: SqliteCheckpoints runs them beside it.
                command.CommandText = "PRAGMA wal_autocheckpoint = 0";
                command.ExecuteNonQuery();
            }
        }
        Done.AddOrUpdate(handle, handle);
    }
}
