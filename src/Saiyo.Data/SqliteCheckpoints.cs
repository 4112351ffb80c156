using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace Saiyo.Data;

/// <summary>
/// Copies each SQLite file's write-ahead log back into the file (a checkpoint) beside the writers instead of inside them.
/// By default SQLite runs a checkpoint in the committing writer once the WAL passes 1,000 pages (wal_autocheckpoint); in a
/// rush the マイページ readers are always on the WAL, so it never restarts and every commit past 1,000 pages ran another
/// checkpoint attempt while holding the write gate (measured: a commit 5x slower with a reader on the WAL, issue 16).
/// Saiyo's connections turn that off (<see cref="SqliteConnectionSetup"/>), and this runs a PASSIVE checkpoint, which takes
/// neither the write lock nor blocks a reader, once a second for each file written since, on a connection of its own.
/// A hosted service of the host using the file: started and stopped with it (a test host that stops stops its checkpoints).
/// </summary>
/// <param name="connectionString">The host's SQLite database; a database in memory (or named by URI) has no log to copy.</param>
public sealed class SqliteCheckpoints(string connectionString) : BackgroundService
{
    /// <summary>A database file Saiyo writes: how many writes ended, and how many the last checkpoint saw.</summary>
    internal sealed class Log(string connectionString)
    {
        public string ConnectionString { get; } = connectionString;
        private long _written;
        private long _checkpointed;
        private int _running;

        public void Written() => Interlocked.Increment(ref _written);

        public void Checkpoint()
        {
            var written = Interlocked.Read(ref _written);
            if (written == Interlocked.Read(ref _checkpointed) || Interlocked.Exchange(ref _running, 1) == 1) return;
            try
            {
                using var connection = new SqliteConnection(ConnectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                command.ExecuteNonQuery();
                Interlocked.Exchange(ref _checkpointed, written);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 14) // SQLITE_CANTOPEN: the file is gone (a test's database, deleted)
            {
                Interlocked.Exchange(ref _checkpointed, written); // nothing left to copy: not tried again every second until a new write
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
            {
                // Busy: the next second tries again; the WAL keeps every commit meanwhile.
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }
    }

    // One per file for the process: the write gate counts the writes of every host on it; each host checkpoints its own file.
    private static readonly ConcurrentDictionary<string, Log> Logs = new(StringComparer.Ordinal);

    /// <summary>The log of the file at <paramref name="path"/> (one per file, however its connection strings spell it).</summary>
    internal static Log For(string path, string connectionString) =>
        Logs.GetOrAdd(path, static (_, text) => new Log(new SqliteConnectionStringBuilder(text)
        {
            Mode = SqliteOpenMode.ReadWrite, // never creates a file that was deleted meanwhile
            Pooling = false, // keeps no handle on the file between seconds
        }.ToString()), connectionString);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (SqliteWriteGate.LogOf(connectionString) is not { } log) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) log.Checkpoint();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
