using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Saiyo.Bench;

/// <summary>
/// Ceiling 3: the database's own bare booking transaction on this machine, in the same run (issue 16):
/// <c>UPDATE seats SET booked = booked + 1 WHERE id = :s AND booked &lt; cap; INSERT INTO bookings …</c> in one transaction,
/// durable commits. PostgreSQL through pgbench (-c16), SQLite through the equivalent loop over Microsoft.Data.Sqlite
/// (16 tasks, one connection each, WAL as Saiyo runs it).
/// </summary>
public static partial class BareDatabase
{
    private const int Clients = 16;
    private const int Seats = 10;

    public static async Task RunAsync(BenchOptions o, SaiyoRun run, DbResult result)
    {
        Console.WriteLine($"-- ceiling: the database's bare booking transaction ({Clients} clients, {o.BareSeconds} s)");
        try
        {
            result.DatabaseBarePerSecond = run.Database == "sqlite" ? await SqliteAsync(run, o.BareSeconds) : await PgbenchAsync(o, run);
            Console.WriteLine($"   {result.DatabaseBarePerSecond:F0} transactions/s");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            result.Failures.Add("bare database ceiling: " + ex.Message);
            Console.WriteLine("   failed: " + ex.Message);
        }
    }

    private const string Schema = """
        CREATE TABLE seats (id integer PRIMARY KEY, booked integer NOT NULL, cap integer NOT NULL);
        CREATE TABLE bookings (id integer PRIMARY KEY {0}, seat integer NOT NULL, applicant text NOT NULL, created text NOT NULL);
        """;

    private static async Task<double> PgbenchAsync(BenchOptions o, SaiyoRun run)
    {
        if (o.Pgbench is null || !File.Exists(o.Pgbench)) throw new InvalidOperationException("pgbench not found (--pgbench)");
        var dbName = run.PostgresDatabase + "_bare";
        await using (var c = new NpgsqlConnection(run.PostgresAdmin))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {dbName}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        var csb = new NpgsqlConnectionStringBuilder(run.PostgresAdmin) { Database = dbName };
        await using (var c = new NpgsqlConnection(csb.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, Schema, "GENERATED ALWAYS AS IDENTITY") +
                $"INSERT INTO seats SELECT g, 0, 1000000000 FROM generate_series(1, {Seats}) g;", c);
            await cmd.ExecuteNonQueryAsync();
        }
        var script = Path.Combine(run.WorkDir, "booking.sql");
        await File.WriteAllTextAsync(script, $"""
            \set s random(1, {Seats})
            BEGIN;
            UPDATE seats SET booked = booked + 1 WHERE id = :s AND booked < cap;
            INSERT INTO bookings (seat, applicant, created) VALUES (:s, md5(random()::text), now()::text);
            END;

            """);
        var psi = new ProcessStartInfo(o.Pgbench) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-n", "-c", $"{Clients}", "-j", "2", "-T", $"{o.BareSeconds}", "-f", script,
                     "-h", csb.Host!, "-p", $"{csb.Port}", "-U", csb.Username!, dbName })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var text = await stdout;
        var tps = Tps().Match(text);
        if (p.ExitCode != 0 || !tps.Success) throw new InvalidOperationException($"pgbench exited {p.ExitCode}: {(await stderr).Trim()}");
        return double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    private static async Task<double> SqliteAsync(SaiyoRun run, int seconds)
    {
        var file = Path.Combine(run.WorkDir, "bare.db");
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        await using (var c = new SqliteConnection(cs))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL;" + string.Format(CultureInfo.InvariantCulture, Schema, "AUTOINCREMENT") +
                              string.Concat(Enumerable.Range(1, Seats).Select(i => $"INSERT INTO seats VALUES ({i}, 0, 1000000000);"));
            await cmd.ExecuteNonQueryAsync();
        }
        long done = 0;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        async Task Worker(int n)
        {
            var random = new Random(n);
            await using var c = new SqliteConnection(cs);
            await c.OpenAsync();
            await using var update = c.CreateCommand();
            update.CommandText = "UPDATE seats SET booked = booked + 1 WHERE id = $s AND booked < cap";
            var us = update.Parameters.Add("$s", SqliteType.Integer);
            await using var insert = c.CreateCommand();
            insert.CommandText = "INSERT INTO bookings (seat, applicant, created) VALUES ($s, $a, $t)";
            var @is = insert.Parameters.Add("$s", SqliteType.Integer);
            var ia = insert.Parameters.Add("$a", SqliteType.Text);
            var it = insert.Parameters.Add("$t", SqliteType.Text);
            while (clock.Elapsed < until)
            {
                // BEGIN IMMEDIATE, as EF Core's transaction on Microsoft.Data.Sqlite; the driver retries a busy database itself.
                await using var tx = c.BeginTransaction();
                update.Transaction = tx;
                insert.Transaction = tx;
                us.Value = @is.Value = random.Next(1, Seats + 1);
                await update.ExecuteNonQueryAsync();
                ia.Value = Guid.NewGuid().ToString();
                it.Value = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                await insert.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                Interlocked.Increment(ref done);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(n => Task.Run(() => Worker(n))));
        return done / clock.Elapsed.TotalSeconds;
    }
}
