using Microsoft.EntityFrameworkCore;

namespace Saiyo.Data;

public enum DatabaseProvider { Sqlite, PostgreSql }

/// <summary>Picks the provider at run time (never at compile time) and the migrations assembly that belongs to it.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Saiyo.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "Saiyo.Migrations.PostgreSql";

    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
        _ => throw new InvalidOperationException($"Database:Provider '{value}' is not supported; use Sqlite or PostgreSql."),
    };

    public static DbContextOptionsBuilder UseSaiyoDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(SqliteConnectionSetup.Instance, SqliteWriteGate.Instance),
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
}
