using Npgsql;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// A throwaway database for one app (or several nodes of one app): a SQLite file, or a PostgreSQL
/// database on the server that scripts/test.sh started. SAIYO_TEST_DATABASE picks which.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public string Provider { get; }
    public string ConnectionString { get; }
    private readonly string? _sqlitePath;
    private readonly string? _pgName;
    private readonly string? _pgAdmin;

    private TestDatabase(string provider, string connectionString, string? sqlitePath, string? pgName, string? pgAdmin)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _pgName = pgName;
        _pgAdmin = pgAdmin;
    }

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("SAIYO_TEST_DATABASE"), "postgresql", StringComparison.OrdinalIgnoreCase);

    public static async Task<TestDatabase> CreateAsync()
    {
        if (!IsPostgres)
        {
            var path = Path.Combine(Path.GetTempPath(), $"saiyo-test-{Guid.NewGuid():N}.db");
            return new TestDatabase("Sqlite", $"Data Source={path}", path, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("SAIYO_TEST_POSTGRES")
            ?? throw new InvalidOperationException("SAIYO_TEST_DATABASE=postgresql needs SAIYO_TEST_POSTGRES (scripts/test.sh sets it).");
        var name = $"saiyo_test_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestDatabase("PostgreSql", cs, null, name, admin);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        if (_pgName is not null && _pgAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_pgAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
