using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Saiyo.Data;
using Saiyo.Data.Companies;
using Saiyo.Web.Hosting;

namespace Saiyo.Bench;

/// <summary>
/// One Saiyo under test: a fresh database (SQLite file or a new PostgreSQL database), Saiyo.Web started as a child process
/// on 127.0.0.1 (Release build, in-process Zoom sandbox, demo seed), and the same services built in this process
/// (AddSaiyo, not started) for arranging data and for the bare booking transaction.
/// </summary>
public sealed partial class SaiyoRun : IAsyncDisposable
{
    public required string Database { get; init; }
    public required string BaseUrl { get; init; }
    public required string WorkDir { get; init; }
    public required WebApplication Services { get; init; }
    public required Process Web { get; init; }
    public required Guid CompanyId { get; init; }
    public string? PostgresAdmin { get; init; }
    public string? PostgresDatabase { get; init; }
    /// <summary>The SMTP server Saiyo sends to: every mail is counted where it arrives.</summary>
    public required netDumbster.smtp.SimpleSmtpServer Smtp { get; init; }

    public const string AdminEmail = "admin@demo.saiyo.test";
    public const string AdminPassword = "Saiyo-Demo-2026!";

    public static async Task<SaiyoRun> StartAsync(BenchOptions o, string database)
    {
        var work = Directory.CreateTempSubdirectory("saiyo-bench-").FullName;
        string connection;
        string? pgAdmin = null, pgDb = null;
        if (database == "sqlite")
        {
            connection = $"Data Source={Path.Combine(work, "saiyo.db")}";
        }
        else
        {
            pgAdmin = (o.PostgresBase ?? throw new ArgumentException("--pg is required for postgresql")) + ";Database=postgres";
            pgDb = "saiyo_bench_" + Guid.NewGuid().ToString("N")[..8];
            await using (var c = new NpgsqlConnection(pgAdmin))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {pgDb}", c);
                await cmd.ExecuteNonQueryAsync();
            }
            // No Maximum Pool Size: Saiyo's own default (Database:MaxConnections, README "Database") is what is measured.
            connection = o.PostgresBase + $";Database={pgDb}";
        }
        var smtp = netDumbster.smtp.SimpleSmtpServer.Start(LoadGenerator.FreePort());
        var port = LoadGenerator.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = database == "sqlite" ? "Sqlite" : "PostgreSql",
            ["ConnectionStrings__Saiyo"] = connection,
            ["Zoom__UseSandbox"] = "true",
            ["Zoom__Sandbox__DatabasePath"] = Path.Combine(work, "zoom-sandbox.db"),
            ["Saiyo__PublicBaseUrl"] = baseUrl,
            ["Seed__DemoData"] = "true",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            ["Smtp__PollInterval"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Each of N applicants books once; the per-link limit is not what is measured.
            ["Applicants__BookingAttemptsPerMinute"] = "20",
            // The sign-in timing makes more attempts from one address than the per-address limit allows.
            ["SignIn__AttemptsPerMinutePerAddress"] = "100000",
        };
        var web = await StartWebAsync(o, env, baseUrl, Path.Combine(work, "web.log"));

        // The same services in this process (not started: no workers run here).
        var b = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = work, EnvironmentName = "Production" });
        b.Logging.ClearProviders();
        b.Configuration.AddInMemoryCollection(env.Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":", StringComparison.Ordinal), kv.Value)));
        b.AddSaiyo();
        var app = b.Build();
        Guid companyId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
            companyId = await db.Companies.Where(c => c.Name == Saiyo.Web.Seeding.DemoSeeder.DemoCompanyName).Select(c => c.Id).SingleAsync();
        }
        return new SaiyoRun
        {
            Database = database, BaseUrl = baseUrl, WorkDir = work, Services = app, Web = web, CompanyId = companyId,
            PostgresAdmin = pgAdmin, PostgresDatabase = pgDb, Smtp = smtp, Options = o, Environment = env,
        };
    }

    public required BenchOptions Options { get; init; }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>
    /// One more Saiyo node on the same database (its own process, port and workers), calling the Zoom sandbox that runs inside
    /// the first node, as a second node behind a load balancer calls Zoom. Stopped when disposed.
    /// </summary>
    public async Task<ExtraNode> StartNodeAsync(int number)
    {
        var baseUrl = $"http://127.0.0.1:{LoadGenerator.FreePort()}";
        var env = new Dictionary<string, string>(Environment)
        {
            ["Saiyo__PublicBaseUrl"] = baseUrl,
            ["Seed__DemoData"] = "false",
            ["Zoom__UseSandbox"] = "false",
            ["Zoom__OAuthBaseUrl"] = BaseUrl + ZoomSetup.SandboxPrefix,
            ["Zoom__ApiBaseUrl"] = BaseUrl + ZoomSetup.SandboxPrefix,
            ["Zoom__RedirectUri"] = BaseUrl + ZoomSetup.CallbackPath,
            // Off the embedded sandbox a Production node wants its key ring encrypted; the sandbox's tokens are no secret.
            ["DataProtection__AllowUnencryptedKeys"] = "true",
        };
        var sandbox = new Saiyo.Zoom.Sandbox.ZoomSandboxOptions(); // the sandbox's one registered app: public stand-ins
        env["Zoom__ClientId"] = sandbox.ClientId;
        env["Zoom__ClientSecret"] = sandbox.ClientSecret;
        env["Zoom__WebhookSecretToken"] = sandbox.WebhookSecretToken;
        return new ExtraNode(await StartWebAsync(Options, env, baseUrl, Path.Combine(WorkDir, $"web{number}.log")));
    }

    public sealed class ExtraNode(Process web) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try { web.Kill(entireProcessTree: true); await web.WaitForExitAsync(); } catch (InvalidOperationException) { }
        }
    }

    private static async Task<Process> StartWebAsync(BenchOptions o, IReadOnlyDictionary<string, string> env, string baseUrl, string logPath)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(o.WebDll)! };
        psi.ArgumentList.Add(o.WebDll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(baseUrl);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var web = Process.Start(psi)!;
        web.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        web.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        web.BeginOutputReadLine();
        web.BeginErrorReadLine();
        using (var probe = LoadGenerator.Client(1))
            await WaitUntilUpAsync(probe, baseUrl + "/healthz", TimeSpan.FromSeconds(90));
        Console.WriteLine($"   Saiyo up at {baseUrl} (log: {logPath})");
        return web;
    }

    public static async Task WaitUntilUpAsync(HttpClient client, string url, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var r = await client.GetAsync(url);
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"{url} did not answer within {timeout}");
            await Task.Delay(200);
        }
    }

    public async Task<T> DbAsync<T>(Func<SaiyoDbContext, Task<T>> work)
    {
        await using var scope = Services.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SaiyoDbContext>());
    }

    /// <summary>A browser-like client (cookies, redirects) signed in as the demo admin through the login form.</summary>
    public async Task<HttpClient> SignInAdminAsync()
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var page = await client.GetStringAsync("/Account/Login");
        var form = Form.Parse(page, "Input.Email");
        form.Fields["Input.Email"] = AdminEmail;
        form.Fields["Input.Password"] = AdminPassword;
        using var resp = await form.SubmitAsync(client, new Uri(BaseUrl + "/Account/Login"));
        var check = await client.GetAsync("/SelectionMeetings");
        if (check.RequestMessage!.RequestUri!.AbsolutePath.Contains("Login", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("sign-in as the demo admin failed");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        try { Web.Kill(entireProcessTree: true); await Web.WaitForExitAsync(); } catch (InvalidOperationException) { }
        await Services.DisposeAsync();
        Smtp.Dispose();
        if (PostgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(PostgresAdmin);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try { Directory.Delete(WorkDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A tiny HTML form reader (regex; the pages are ours and well-formed): action, hidden and named inputs.</summary>
public sealed partial class Form
{
    public string Action = "";
    public Dictionary<string, string> Fields = [];

    /// <summary>The first form whose HTML contains <paramref name="marker"/>.</summary>
    public static Form Parse(string html, string marker)
    {
        foreach (Match m in FormRegex().Matches(html))
        {
            if (!m.Value.Contains(marker, StringComparison.Ordinal)) continue;
            var f = new Form { Action = WebUtility.HtmlDecode(ActionRegex().Match(m.Groups[1].Value) is { Success: true } a ? a.Groups[1].Value : "") };
            foreach (Match input in InputRegex().Matches(m.Value))
            {
                var tag = input.Value;
                var name = NameRegex().Match(tag);
                if (!name.Success) continue;
                if (tag.Contains("type=\"checkbox\"", StringComparison.Ordinal) && !tag.Contains("checked", StringComparison.Ordinal)) continue;
                var value = ValueRegex().Match(tag);
                f.Fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
            }
            return f;
        }
        throw new InvalidOperationException($"no form containing '{marker}' in:\n{html[..Math.Min(html.Length, 3000)]}");
    }

    public Task<HttpResponseMessage> SubmitAsync(HttpClient client, Uri page) =>
        client.PostAsync(new Uri(page, string.IsNullOrEmpty(Action) ? page.PathAndQuery : Action), new FormUrlEncodedContent(Fields));

    [GeneratedRegex("<form([^>]*)>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormRegex();
    [GeneratedRegex("action=\"([^\"]*)\"")]
    private static partial Regex ActionRegex();
    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputRegex();
    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex NameRegex();
    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueRegex();
}
