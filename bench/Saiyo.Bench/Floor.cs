using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Saiyo.Bench;

/// <summary>
/// Ceiling 4, the floor under the rush's targets: what any ASP.NET Core app could do here. A minimal Kestrel process (no
/// Saiyo code, no EF) whose POST runs the database's bare booking transaction (ceiling 3's two statements, on its tables) and
/// whose GET does only the my page's token lookup in Saiyo's database and writes as many bytes as a real my page. It is hit
/// by the same load generator with the same connections as the rush, with and without the 16 readers beside it. Saiyo can
/// do no better than this on the same machine: its ratio to ceiling 3 bounds what issue 16's "≥ 50 %" can mean here.
/// </summary>
public static class Floor
{
    private const int Seats = 10;

    public sealed class Result
    {
        public LoadResult Bookings = new();
        public LoadResult BookingsBeside = new();
        public LoadResult Reads = new();
        public int PageBytes;
    }

    /// <summary>The child process: environment FLOOR_DB (sqlite|postgresql), FLOOR_BARE and FLOOR_SAIYO (connection strings), FLOOR_BYTES.</summary>
    public static async Task ServeAsync(int port)
    {
        var sqlite = Environment.GetEnvironmentVariable("FLOOR_DB") == "sqlite";
        var bareCs = Environment.GetEnvironmentVariable("FLOOR_BARE")!;
        var saiyoCs = Environment.GetEnvironmentVariable("FLOOR_SAIYO")!;
        var body = new byte[int.Parse(Environment.GetEnvironmentVariable("FLOOR_BYTES")!, CultureInfo.InvariantCulture)];
        Array.Fill(body, (byte)'x');
        var b = WebApplication.CreateSlimBuilder();
        b.Logging.ClearProviders();
        b.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = b.Build();
        // As many connections as a Saiyo node opens (Database:MaxConnections' default).
        await using var bare = sqlite ? null : NpgsqlDataSource.Create(bareCs + ";Maximum Pool Size=20");
        await using var saiyo = sqlite ? null : NpgsqlDataSource.Create(saiyoCs + ";Maximum Pool Size=20");
        app.MapPost("/book", async (HttpRequest r) =>
        {
            _ = await r.ReadFormAsync();
            var s = Random.Shared.Next(1, Seats + 1);
            var applicant = Guid.NewGuid().ToString();
            var created = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            if (sqlite)
            {
                await using var c = new SqliteConnection(bareCs);
                await c.OpenAsync();
                await using var tx = c.BeginTransaction();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "UPDATE seats SET booked = booked + 1 WHERE id = $s AND booked < cap; INSERT INTO bookings (seat, applicant, created) VALUES ($s, $a, $t);";
                cmd.Parameters.AddWithValue("$s", s);
                cmd.Parameters.AddWithValue("$a", applicant);
                cmd.Parameters.AddWithValue("$t", created);
                await cmd.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }
            else
            {
                // As pgbench sends it: BEGIN, the two statements, COMMIT.
                await using var c = await bare!.OpenConnectionAsync();
                await using var tx = await c.BeginTransactionAsync();
                await using (var update = new NpgsqlCommand("UPDATE seats SET booked = booked + 1 WHERE id = $1 AND booked < cap", c, tx))
                {
                    update.Parameters.Add(new NpgsqlParameter { Value = s });
                    await update.ExecuteNonQueryAsync();
                }
                await using (var insert = new NpgsqlCommand("INSERT INTO bookings (seat, applicant, created) VALUES ($1, $2, $3)", c, tx))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = s });
                    insert.Parameters.Add(new NpgsqlParameter { Value = applicant });
                    insert.Parameters.Add(new NpgsqlParameter { Value = created });
                    await insert.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
            }
            return Results.StatusCode(303);
        });
        app.MapGet("/my/{token}", async (string token, HttpResponse response) =>
        {
            var hash = Saiyo.Web.Applicants.MyPageTokens.Hash(token);
            object? id;
            if (sqlite)
            {
                await using var c = new SqliteConnection(saiyoCs);
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT \"Id\" FROM \"Applicants\" WHERE \"MyPageTokenHash\" = $h";
                cmd.Parameters.AddWithValue("$h", hash);
                id = await cmd.ExecuteScalarAsync();
            }
            else
            {
                await using var cmd = saiyo!.CreateCommand("SELECT \"Id\" FROM \"Applicants\" WHERE \"MyPageTokenHash\" = $1");
                cmd.Parameters.Add(new NpgsqlParameter { Value = hash });
                id = await cmd.ExecuteScalarAsync();
            }
            response.StatusCode = id is null ? 404 : 200;
            response.ContentType = "text/html; charset=utf-8";
            await response.Body.WriteAsync(body);
        });
        app.MapGet("/", () => Results.Text("ok"));
        await app.RunAsync();
    }

    /// <summary>
    /// Runs after ceiling 3 (whose tables the POST writes): the bookings alone, then again with the readers beside them.
    /// The request count is the rush's attempts ×5 so the window is not the first seconds of a process.
    /// </summary>
    public static async Task MeasureAsync(BenchOptions o, SaiyoRun run, DbResult result)
    {
        Console.WriteLine("-- ceiling 4: the bare booking transaction and the token lookup behind a minimal Kestrel endpoint");
        var readers = result.Readers;
        if (readers.Count == 0) { Console.WriteLine("   skipped: no population to read"); return; }
        var floor = result.Floor = new Result();
        using (var probe = LoadGenerator.Client(1))
            floor.PageBytes = (await probe.GetByteArrayAsync($"{run.BaseUrl}/my/{readers[0]}")).Length;
        var bareCs = run.Database == "sqlite"
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(run.WorkDir, "bare.db"), Pooling = true }.ToString()
            : new NpgsqlConnectionStringBuilder(run.PostgresAdmin) { Database = run.PostgresDatabase + "_bare" }.ConnectionString;
        var port = LoadGenerator.FreePort();
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (self.EndsWith("dotnet", StringComparison.Ordinal)) psi.ArgumentList.Add(typeof(Floor).Assembly.Location);
        foreach (var a in new[] { "floor", "--port", port.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_gcServer"] = "0";
        psi.Environment["FLOOR_DB"] = run.Database;
        psi.Environment["FLOOR_BARE"] = bareCs;
        psi.Environment["FLOOR_SAIYO"] = run.Environment["ConnectionStrings__Saiyo"];
        psi.Environment["FLOOR_BYTES"] = floor.PageBytes.ToString(CultureInfo.InvariantCulture);
        using var p = Process.Start(psi)!;
        var errors = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            using var client = LoadGenerator.Client(o.Concurrency);
            var url = $"http://127.0.0.1:{port}";
            await SaiyoRun.WaitUntilUpAsync(client, url + "/", TimeSpan.FromSeconds(30));
            HttpRequestMessage Book(int i) => new(HttpMethod.Post, url + "/book")
            {
                Content = new FormUrlEncodedContent([new("scheduleId", Guid.NewGuid().ToString())]),
            };
            var answers = new HashSet<int> { 303 };
            var total = o.Applicants * 5;
            await LoadGenerator.RunAsync(client, Math.Min(2000, total), o.Concurrency, Book, answers); // JIT, pools
            floor.Bookings = (await LoadGenerator.RunAsync(client, total, o.Concurrency, Book, answers)).Result;
            using var stop = new CancellationTokenSource();
            var reading = Rush.MyPageWhileAsync(url, readers, o.MyPageConnections, stop.Token);
            floor.BookingsBeside = (await LoadGenerator.RunAsync(client, total, o.Concurrency, Book, answers)).Result;
            await stop.CancelAsync();
            floor.Reads = await reading;
            Console.WriteLine($"   bookings alone {floor.Bookings.RequestsPerSecond:F0}/s (p99 {floor.Bookings.P(99):F0} ms, errors {floor.Bookings.Errors}); " +
                              $"beside {o.MyPageConnections} readers {floor.BookingsBeside.RequestsPerSecond:F0}/s (p99 {floor.BookingsBeside.P(99):F0} ms), " +
                              $"reads {floor.Reads.RequestsPerSecond:F0} GET/s of {floor.PageBytes} bytes (p99 {floor.Reads.P(99):F0} ms, errors {floor.Reads.Errors})");
            if (floor.Bookings.Errors + floor.BookingsBeside.Errors + floor.Reads.Errors > 0)
                result.Failures.Add($"ceiling 4: errors ({errors.ToString().Trim().Split('\n').FirstOrDefault()})");
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }
}
