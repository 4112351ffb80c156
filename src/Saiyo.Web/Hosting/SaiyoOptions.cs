namespace Saiyo.Web.Hosting;

/// <summary>Database settings: section "Database" plus ConnectionStrings:Saiyo.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (embedded default) or PostgreSql (production, several nodes).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>
    /// PostgreSQL: the most connections this node opens (Npgsql's Maximum Pool Size; this setting wins over the connection
    /// string's). Unset: the connection string's, else <see cref="DefaultMaxConnections"/>.
    /// </summary>
    public int? MaxConnections { get; set; }

    /// <summary>
    /// A few connections keep a small server busy: more backends than cores only queue at the server's CPUs and locks, and
    /// several nodes share the server's max_connections (README "Database").
    /// </summary>
    public const int DefaultMaxConnections = 20;

    /// <summary>
    /// PostgreSQL: how many statements Npgsql prepares automatically per connection (Max Auto Prepare) unless the connection
    /// string says; Saiyo's hot statements are a few dozen.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;
}

/// <summary>First-run seeding: section "Seed". Switch off for production.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public bool DemoData { get; set; } = true;
    public string OperatorEmail { get; set; } = "operator@saiyo.test";
    public string AdminEmail { get; set; } = "admin@demo.saiyo.test";
    public string RecruiterEmail { get; set; } = "recruiter@demo.saiyo.test";
    public string Password { get; set; } = "Saiyo-Demo-2026!";
}
