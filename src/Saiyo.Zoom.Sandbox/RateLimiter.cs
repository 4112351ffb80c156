using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Saiyo.Zoom.Sandbox;

/// <summary>Zoom's per-account per-second limits by category, measured on the injected clock.</summary>
public sealed class RateLimiter(IOptions<ZoomSandboxOptions> options, TimeProvider time)
{
    public const int DailyMeetingLimit = 100;

    private readonly ConcurrentDictionary<string, (long Second, int Count)> _windows = new();
    private readonly ConcurrentDictionary<string, int> _refusals = new();

    /// <summary>Per-second 429s answered by the limit itself (injected ones not counted), by "account|category"; since start or reset.</summary>
    public IReadOnlyDictionary<string, int> Refusals => new SortedDictionary<string, int>(_refusals, StringComparer.Ordinal);

    public static int Limit(string plan, string category) => (plan.ToUpperInvariant(), category) switch
    {
        ("FREE", "Light") => 4,
        ("FREE", "Medium") => 2,
        ("FREE", _) => 1,
        ("PRO", "Light") => 30,
        ("PRO", "Medium") => 20,
        ("PRO", _) => 10,
        (_, "Light") => 80,
        (_, "Medium") => 60,
        _ => 40,
    };

    /// <summary>Counts one request; returns (allowed, limit, remaining).</summary>
    public (bool Allowed, int Limit, int Remaining) Hit(string accountId, string category)
    {
        var limit = Limit(options.Value.Plan, category);
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var key = accountId + "|" + category;
        var allowed = false;
        var window = _windows.AddOrUpdate(
            key,
            _ => { allowed = true; return (second, 1); },
            (_, w) =>
            {
                if (w.Second != second)
                {
                    allowed = true;
                    return (second, 1);
                }

                allowed = w.Count < limit;
                return allowed ? (second, w.Count + 1) : w;
            });
        if (!allowed)
        {
            _refusals.AddOrUpdate(key, 1, (_, n) => n + 1);
        }

        return (allowed, limit, Math.Max(0, limit - window.Count));
    }

    public void Reset()
    {
        _windows.Clear();
        _refusals.Clear();
    }
}
