using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>
/// A node opens at most Database:MaxConnections PostgreSQL connections however many requests arrive at once (issue 16:
/// 100 backends on 2 cores only queued at the server; several nodes share its max_connections). Counted at the server.
/// </summary>
[Trait("Database", "PostgreSql")] // scripts/test.sh leaves it out of the SQLite run, so that run skips nothing
public sealed class DatabaseConnectionBoundTests : IAsyncLifetime
{
    private const int Bound = 3;
    private const string AppName = "saiyo-bound-test";
    private TestDatabase _db = null!;
    private SaiyoAppFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _app = new SaiyoAppFactory(_db);
        if (!TestDatabase.IsPostgres) return;
        // Its own application name: the server's count is of this node's backends only.
        _app.Settings["ConnectionStrings:Saiyo"] = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { ApplicationName = AppName }.ConnectionString;
        _app.Settings["Database:MaxConnections"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Many_my_page_requests_at_once_share_the_bounded_connections_and_all_get_their_page()
    {
        if (!TestDatabase.IsPostgres) Assert.Skip("a PostgreSQL connection pool's bound");
        var staff = _app.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var meeting = await staff.CreateSelectionMeetingAsync("接続数 説明会");
        var ev = await staff.AddEventAsync(meeting, "会社説明会");
        await staff.CreateShownScheduleAsync(ev, SelectionSetup.TokyoDate(TimeProvider.System, 5), "10:00", "11:00");
        var applicant = await staff.CreateApplicantAsync("接続 数", "connections@example.test");
        await staff.InviteAsync(applicant, meeting);
        var link = await staff.SendMyPageLinkAsync(applicant);

        var most = 0;
        using var done = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await using var conn = new NpgsqlConnection(_db.ConnectionString);
            await conn.OpenAsync();
            while (!done.IsCancellationRequested)
            {
                await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @n", conn);
                count.Parameters.AddWithValue("n", AppName);
                most = Math.Max(most, (int)(long)(await count.ExecuteScalarAsync())!);
            }
        });
        var pages = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await _app.CreateSaiyoClient().Http.GetAsync(link, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));
        await done.CancelAsync();
        await watch;

        Assert.All(pages, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.InRange(most, 1, Bound);
    }

    /// <summary>
    /// The node's connections prepare what they run again and again (Npgsql's automatic preparation, on by default): the
    /// server parses and plans a hot statement once per connection, not at every execution. Seen on the connection itself.
    /// </summary>
    [Fact]
    public async Task The_nodes_connections_keep_statements_they_run_again_and_again_prepared()
    {
        if (!TestDatabase.IsPostgres) Assert.Skip("Npgsql's automatic preparation");
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Saiyo.Data.SaiyoDbContext>();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var prepared = db.Database.GetDbConnection().CreateCommand();
        prepared.CommandText = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%prepared-probe%'";
        Assert.Equal(0L, await prepared.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        for (var i = 0; i < 6; i++) Assert.True(await db.Companies.TagWith("prepared-probe").AnyAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1L, await prepared.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
