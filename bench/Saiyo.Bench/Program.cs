using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;
using Saiyo.Web.Hosting;
using Saiyo.Web.Meetings;

namespace Saiyo.Bench;

/// <summary>
/// Saiyo benchmarks (issue 7). Starts Saiyo (Release build) as a child process on loopback per database, arranges data,
/// and measures the booking rush, meeting issuance, two ceilings (plain Kestrel, bare booking transaction) and page growth.
/// Run through scripts/bench.sh; `--help` lists the flags.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var o = BenchOptions.Parse(args);
        if (o.Mode == "plain") { await PlainServer.RunAsync(o.Port); return 0; }
        if (o.Mode == "floor") { await Floor.ServeAsync(o.Port); return 0; }
        if (o.Help) { Console.WriteLine(BenchOptions.Usage); return 0; }

        var report = new Report(o);
        // Ceiling 1: a plain Kestrel endpoint in its own process, hit by the same load generator as the rush.
        Console.WriteLine("== ceiling: plain Kestrel endpoint");
        report.Plain = await PlainServer.MeasureAsync(o);
        Console.WriteLine($"   {report.Plain.RequestsPerSecond:F0} req/s, p50 {report.Plain.P(50):F1} ms");

        foreach (var db in o.Databases)
        {
            Console.WriteLine($"== database: {db}");
            var result = new DbResult(db);
            report.Results.Add(result);
            await using var run = await SaiyoRun.StartAsync(o, db);
            // Growth first (it needs a nearly empty database for its smallest size); it removes its bulk rows afterwards.
            if (o.Parts.Contains("growth")) await Growth.RunAsync(o, run, result);
            if (o.Parts.Contains("rush") || o.Parts.Contains("personal")) await Rush.SeedPopulationAsync(o, run, result);
            if (o.Parts.Contains("rush")) await Rush.RunAsync(o, run, result);
            if (o.Parts.Contains("rush")) await BareDatabase.RunAsync(o, run, result);
            if (o.Parts.Contains("rush") && !double.IsNaN(result.DatabaseBarePerSecond)) await Floor.MeasureAsync(o, run, result);
            if (o.Parts.Contains("issuance")) await Issuance.RunAsync(o, run, result);
            // After issuance: that part adds its sandbox users before it links Zoom; this one links only if nobody did.
            if (o.Parts.Contains("rush") || o.Parts.Contains("personal")) await Rush.RunPersonalAsync(o, run, result);
            if (o.Parts.Contains("signin")) await SignInTiming.RunAsync(run, result);
        }

        var path = report.Write();
        Console.WriteLine();
        Console.WriteLine(File.ReadAllText(path));
        Console.WriteLine($"written: {path}");
        return report.Results.Any(r => r.Failures.Count > 0) ? 1 : 0;
    }
}

public sealed class BenchOptions
{
    public string Mode = "run";
    public bool Help;
    public int Port;
    public List<string> Databases = ["sqlite"];
    public string? PostgresBase; // e.g. Host=127.0.0.1;Port=5432;Username=postgres
    public string WebDll = "";
    public string OutDir = "bench/results";
    public string Commit = "unknown";
    public int Applicants = 2000;
    public int Seats = 500;
    public int Slots = 10;
    public int Concurrency = 100;
    public int MyPageConnections = 16;
    /// <summary>Seconds of マイページ GETs alone (no rush) before the rush: the page's own cost, and a window to profile it.</summary>
    public int MyPageAloneSeconds = 10;
    public int BareSeconds = 10;
    public string? Pgbench;
    public int PlainRequests = 20000;
    public int Schedules = 400;
    public int Hosts = 10;
    public int? IssuanceNodes; // default: 2 on PostgreSQL, 1 on SQLite
    public HashSet<string> Parts = ["growth", "rush", "issuance", "signin"];
    public int IssuanceTimeoutSeconds = 120;
    public List<int> GrowthSizes = [10, 1000, 100000];
    public int PageSamples = 15;
    /// <summary>Applicants and 日程 bulk-seeded before the rush (issue 16 point 3); 0 applicants: none.</summary>
    public int PopulationApplicants = 100000;
    public int PopulationSchedules = 10000;

    public const string Usage = """
        Saiyo.Bench [--db sqlite|postgresql|both] [--pg "Host=..;Port=..;Username=.."] --web-dll PATH
                    [--applicants N=2000] [--seats M=500] [--slots S=10] [--concurrency C=100] [--mypage-connections G=16] [--mypage-alone SEC=10] [--bare-seconds T=10] [--pgbench PATH] [--plain-requests R=20000]
                    [--schedules K=400] [--hosts H=10] [--issuance-nodes N=2 on postgresql, 1 on sqlite] [--issuance-timeout SEC=120]
                    [--only growth,rush,personal,issuance,signin] [--growth 10,1000,100000] [--page-samples 15] [--population APPLICANTS,SCHEDULES=100000,10000 (0: none)]
                    [--out DIR] [--commit SHA]
        Saiyo.Bench plain --port P     (the plain Kestrel ceiling server; started by the bench itself)
        Saiyo.Bench floor --port P     (ceiling 4's minimal booking and token-lookup server; started by the bench itself)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "plain": o.Mode = "plain"; break;
                case "floor": o.Mode = "floor"; break;
                case "--port": o.Port = NextInt(); break;
                case "--help" or "-h": o.Help = true; break;
                case "--db":
                    var v = Next();
                    o.Databases = v == "both" ? ["sqlite", "postgresql"] : [v];
                    break;
                case "--pg": o.PostgresBase = Next(); break;
                case "--web-dll": o.WebDll = Next(); break;
                case "--out": o.OutDir = Next(); break;
                case "--commit": o.Commit = Next(); break;
                case "--applicants": o.Applicants = NextInt(); break;
                case "--seats": o.Seats = NextInt(); break;
                case "--slots": o.Slots = NextInt(); break;
                case "--concurrency": o.Concurrency = NextInt(); break;
                case "--mypage-connections": o.MyPageConnections = NextInt(); break;
                case "--mypage-alone": o.MyPageAloneSeconds = NextInt(); break;
                case "--bare-seconds": o.BareSeconds = NextInt(); break;
                case "--pgbench": o.Pgbench = Next(); break;
                case "--plain-requests": o.PlainRequests = NextInt(); break;
                case "--schedules": o.Schedules = NextInt(); break;
                case "--hosts": o.Hosts = NextInt(); break;
                case "--issuance-nodes": o.IssuanceNodes = NextInt(); break;
                case "--only": o.Parts = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries)]; break;
                case "--issuance-timeout": o.IssuanceTimeoutSeconds = NextInt(); break;
                case "--growth": o.GrowthSizes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
                case "--page-samples": o.PageSamples = NextInt(); break;
                case "--population":
                    var sizes = Next().Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                    o.PopulationApplicants = sizes[0];
                    o.PopulationSchedules = sizes.Length > 1 ? sizes[1] : 0;
                    break;
                default: throw new ArgumentException($"unknown argument {args[i]}\n{Usage}");
            }
        }
        return o;
    }
}

/// <summary>Latencies and outcomes of one load run.</summary>
public sealed class LoadResult
{
    public int Requests;
    public double Seconds;
    public double[] LatenciesMs = [];
    public Dictionary<int, int> Status = [];
    public int Errors; // exceptions and unexpected statuses
    public double RequestsPerSecond => Requests / Seconds;
    public double P(double pct)
    {
        if (LatenciesMs.Length == 0) return double.NaN;
        var sorted = LatenciesMs.Order().ToArray();
        var idx = (int)Math.Ceiling(pct / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(idx, 0, sorted.Length - 1)];
    }
}

/// <summary>A closed-loop load generator: C workers, each sends its next request when the previous one has answered.</summary>
public static class LoadGenerator
{
    public static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections, UseCookies = false, AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    }) { Timeout = TimeSpan.FromSeconds(60) };

    /// <param name="ok">Statuses that are answers, not errors (e.g. 409 満席).</param>
    public static async Task<(LoadResult Result, double[] DoneAtSeconds, int[] StatusByIndex)> RunAsync(
        HttpClient client, int total, int concurrency, Func<int, HttpRequestMessage> make, ISet<int> ok)
    {
        var latencies = new double[total];
        var doneAt = new double[total];
        var statuses = new int[total];
        var next = -1;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var start = clock.Elapsed.TotalMilliseconds;
                try
                {
                    using var req = make(i);
                    using var resp = await client.SendAsync(req, HttpCompletionOption.ResponseContentRead);
                    _ = await resp.Content.ReadAsByteArrayAsync();
                    statuses[i] = (int)resp.StatusCode;
                    if (!ok.Contains(statuses[i])) Interlocked.Increment(ref errors);
                }
                catch (Exception)
                {
                    statuses[i] = -1;
                    Interlocked.Increment(ref errors);
                }
                var end = clock.Elapsed.TotalMilliseconds;
                latencies[i] = end - start;
                doneAt[i] = end / 1000.0;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, total)).Select(_ => Task.Run(Worker)));
        clock.Stop();
        var r = new LoadResult
        {
            Requests = total, Seconds = clock.Elapsed.TotalSeconds, LatenciesMs = latencies, Errors = errors,
            Status = statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()),
        };
        return (r, doneAt, statuses);
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>Ceiling 1: the same machine's plain Kestrel (minimal API POST answering a short text), in its own process.</summary>
public static class PlainServer
{
    public static async Task RunAsync(int port)
    {
        var b = WebApplication.CreateSlimBuilder();
        b.Logging.ClearProviders();
        b.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = b.Build();
        app.MapPost("/", async (HttpRequest r) => { _ = await r.ReadFormAsync(); return Results.Text("ok"); });
        app.MapGet("/", () => Results.Text("ok"));
        await app.RunAsync();
    }

    public static async Task<LoadResult> MeasureAsync(BenchOptions o)
    {
        var port = LoadGenerator.FreePort();
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (self.EndsWith("dotnet", StringComparison.Ordinal)) psi.ArgumentList.Add(typeof(PlainServer).Assembly.Location);
        psi.ArgumentList.Add("plain");
        psi.ArgumentList.Add("--port");
        psi.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        psi.Environment["DOTNET_gcServer"] = "0";
        using var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            using var client = LoadGenerator.Client(o.Concurrency);
            var url = $"http://127.0.0.1:{port}/";
            await SaiyoRun.WaitUntilUpAsync(client, url, TimeSpan.FromSeconds(30));
            HttpRequestMessage Make(int i) => new(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent([new("scheduleId", Guid.NewGuid().ToString())]),
            };
            await LoadGenerator.RunAsync(client, Math.Min(2000, o.PlainRequests), o.Concurrency, Make, new HashSet<int> { 200 }); // warm-up
            return (await LoadGenerator.RunAsync(client, o.PlainRequests, o.Concurrency, Make, new HashSet<int> { 200 })).Result;
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }
}
