using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saiyo.Zoom.Sandbox.Model;

namespace Saiyo.Zoom.Sandbox;

/// <summary>
/// Holds the sandbox state in memory behind one lock and snapshots it into a small SQLite file after
/// every change, so that it survives restarts and concurrent requests (several Saiyo nodes) see one truth.
/// </summary>
public sealed class SandboxStore
{
    public const string SeedPassword = "Sandbox-Pass1";

    private static readonly JsonSerializerOptions SnapshotJson = new() { WriteIndented = false };
    private readonly Lock _gate = new();
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private SandboxData _data;

    public SandboxStore(IOptions<ZoomSandboxOptions> options, TimeProvider time, ILogger<SandboxStore> logger)
    {
        _time = time;
        var path = Path.GetFullPath(options.Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY, json TEXT NOT NULL)";
            command.ExecuteNonQuery();
        }

        var loaded = Load();
        var seeded = loaded is null;
        _data = loaded ?? Seed(options.Value.Plan);
        if (seeded)
        {
            Save();
        }

        Log.StateLoaded(logger, path, seeded);
    }

    public T Read<T>(Func<SandboxData, T> read)
    {
        lock (_gate)
        {
            return read(_data);
        }
    }

    /// <summary>Runs a change under the lock and persists the state before returning.</summary>
    public T Write<T>(Func<SandboxData, T> change)
    {
        lock (_gate)
        {
            var result = change(_data);
            Save();
            return result;
        }
    }

    public void Reset(string plan)
    {
        lock (_gate)
        {
            _data = Seed(plan);
            Save();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private SandboxData? Load()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM snapshot WHERE id = 1";
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<SandboxData>(json, SnapshotJson) : null;
    }

    private void Save()
    {
        var json = JsonSerializer.Serialize(_data, SnapshotJson);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO snapshot (id, json) VALUES (1, $json) ON CONFLICT(id) DO UPDATE SET json = excluded.json";
        command.Parameters.AddWithValue("$json", json);
        command.ExecuteNonQuery();
    }

    private SandboxData Seed(string plan)
    {
        var now = _time.GetUtcNow();
        var data = new SandboxData();
        var a = new SandboxAccount { Id = "sbxAcctSandboxCorp01", Name = "Sandbox Corp", AccountNumber = 1000000001, Plan = plan };
        var b = new SandboxAccount { Id = "sbxAcctOtherCorp0002", Name = "Other Corp", AccountNumber = 1000000002, Plan = plan };
        data.Accounts.AddRange([a, b]);
        SandboxUser U(SandboxAccount acct, string email, string first, string last, string role, int type, string tz) => new()
        {
            Id = Ids.UserId(),
            AccountId = acct.Id,
            Email = email,
            FirstName = first,
            LastName = last,
            Password = SeedPassword,
            Role = role,
            Type = type,
            Timezone = tz,
            Pmi = 5_000_000_000 + RandomNumberGenerator.GetInt32(1_000_000_000),
            CreatedAt = now,
        };
        data.Users.AddRange(
        [
            U(a, "owner@sandbox.zoom.test", "Olivia", "Owner", "owner", 2, "Asia/Tokyo"),
            U(a, "admin@sandbox.zoom.test", "Adam", "Admin", "admin", 2, "Asia/Tokyo"),
            U(a, "host1@sandbox.zoom.test", "Hana", "Host1", "member", 2, "Asia/Tokyo"),
            U(a, "host2@sandbox.zoom.test", "Haruto", "Host2", "member", 2, "Asia/Tokyo"),
            U(a, "host3@sandbox.zoom.test", "Helen", "Host3", "member", 2, "America/New_York"),
            U(a, "basic@sandbox.zoom.test", "Ben", "Basic", "member", 1, "Asia/Tokyo"),
            U(b, "admin@other.zoom.test", "Oscar", "Other", "owner", 2, "Europe/London"),
            U(b, "host1@other.zoom.test", "Otto", "Host", "member", 2, "Europe/London"),
        ]);
        return data;
    }
}
