using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Saiyo.Zoom.Sandbox;

/// <summary>Zoom's per-account per-second limits by category, measured on the injected clock.</summary>
public sealed class RateLimiter(IOptions<ZoomSandboxOptions> options, TimeProvider time)
{
    public const int DailyMeetingLimit = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Key, long Second), int> _windows = [];
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

    /// <summary>Counts one request in the second it arrived; returns (allowed, limit, remaining).</summary>
    public (bool Allowed, int Limit, int Remaining) Hit(string accountId, string category) => Hit(accountId, category, time.GetUtcNow());

    /// <summary>
    /// Counts one request that arrived at <paramref name="arrivedAt"/>, in that second, as Zoom counts what reaches it: a
    /// request that then waited inside the sandbox (for its store) is not moved into the next second.
    /// </summary>
    public (bool Allowed, int Limit, int Remaining) Hit(string accountId, string category, DateTimeOffset arrivedAt)
    {
        var limit = Limit(options.Value.Plan, category);
        var second = arrivedAt.ToUnixTimeSeconds();
        var key = accountId + "|" + category;
        int count;
        lock (_gate)
        {
            count = _windows.GetValueOrDefault((key, second));
            if (count < limit) _windows[(key, second)] = ++count;
            else count = limit + 1;
            if (_windows.Count > 256)
            {
                foreach (var old in _windows.Keys.Where(k => k.Second < second - 10).ToList()) _windows.Remove(old);
            }
        }

        var allowed = count <= limit;
        if (!allowed)
        {
            _refusals.AddOrUpdate(key, 1, (_, n) => n + 1);
        }

        return (allowed, limit, Math.Max(0, limit - count));
    }

    public void Reset()
    {
        lock (_gate) _windows.Clear();
        _refusals.Clear();
    }
}
