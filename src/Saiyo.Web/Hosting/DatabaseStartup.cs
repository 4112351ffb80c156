using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Web.Interviews;
using Saiyo.Web.Seeding;

namespace Saiyo.Web.Hosting;

public static partial class DatabaseStartup
{
    /// <summary>
    /// Applies pending migrations (EF Core takes a database lock, so several nodes may start at once)
    /// and seeds. Runs before the app takes requests.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
            await db.Database.MigrateAsync();
            // SQLite: write-ahead logging (kept in the file). In the default rollback journal every commit costs several
            // fsyncs and blocks readers; WAL costs one fsync (synchronous stays FULL, so a booked seat survives a crash)
            // and lets the pages read while a booking commits. Measured by bench/ (README, Benchmarks).
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            await SelectionFlowDefaults.BackfillAsync(db);
        }

        var seed = app.Services.GetRequiredService<IOptions<SeedOptions>>().Value;
        if (seed.DemoData)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var urls = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Saiyo");
                // Demo credentials only: they are printed on purpose so that a first start can sign in.
                LogDemoSignIns(logger, string.Join(", ", urls), seed.AdminEmail, seed.RecruiterEmail, seed.OperatorEmail, seed.Password);
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = """

        ================================================================
         Saiyo is running at {Urls}
         Demo sign-ins (seeded; set Seed:DemoData=false in production):
           管理者 admin     {Admin}
           採用担当 recruiter {Recruiter}
           operator         {Operator}
           password         {Password}
        ================================================================
        """)]
    private static partial void LogDemoSignIns(ILogger logger, string urls, string admin, string recruiter, string @operator, string password);
}
