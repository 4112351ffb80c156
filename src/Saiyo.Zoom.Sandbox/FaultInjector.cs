using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace Saiyo.Zoom.Sandbox;

/// <summary>A fault switched on for a scope: "all", a rate-limit category ("light", "medium", "heavy") or an operation ("meetings.create", …).</summary>
public sealed class SandboxFault
{
    /// <summary>Share (0..1) of requests answered with <see cref="ErrorStatus"/> before anything is changed.</summary>
    [JsonPropertyName("error_rate")] public double ErrorRate { get; set; }

    [JsonPropertyName("error_status")] public int ErrorStatus { get; set; } = 500;

    /// <summary>Added latency (wall clock) before answering.</summary>
    [JsonPropertyName("latency_ms")] public int LatencyMs { get; set; }

    /// <summary>Share (0..1) of requests whose change is committed but whose connection is then aborted.</summary>
    [JsonPropertyName("drop_after_commit_rate")] public double DropAfterCommitRate { get; set; }

    /// <summary>"QPS" or "Daily-limit": every matching request answers 429 of that kind.</summary>
    [JsonPropertyName("force_429")] public string? Force429 { get; set; }

    /// <summary>When set, the fault applies to this many matching requests and then clears itself.</summary>
    [JsonPropertyName("count")] public int? Count { get; set; }
}

public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<string, SandboxFault> _faults = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, SandboxFault> All => _faults;

    public void Set(string scope, SandboxFault fault) => _faults[scope] = fault;

    public void Clear(string? scope = null)
    {
        if (scope is null)
        {
            _faults.Clear();
        }
        else
        {
            _faults.TryRemove(scope, out _);
        }
    }

    /// <summary>Picks the fault for an operation (operation, then category, then "all") and consumes one use of it.</summary>
    public SandboxFault? Take(string operation, string category)
    {
        foreach (var scope in new[] { operation, category, "all" })
        {
            if (!_faults.TryGetValue(scope, out var fault))
            {
                continue;
            }

            lock (fault)
            {
                if (fault.Count is { } left)
                {
                    if (left <= 0)
                    {
                        _faults.TryRemove(scope, out _);
                        continue;
                    }

                    fault.Count = left - 1;
                    if (left - 1 == 0)
                    {
                        _faults.TryRemove(scope, out _);
                    }
                }
            }

            return fault;
        }

        return null;
    }
}
