using Saiyo.Web.Hosting;

namespace Saiyo.Web.Meetings;

/// <summary>Section "Meetings": how the meeting worker polls and retries.</summary>
public sealed class MeetingSyncOptions
{
    public const string Section = "Meetings";

    /// <summary>How often the worker looks for due schedules (an edit on this node also wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Schedules one node works on at once. Issuance is bound by Zoom's round trip, not by this node: with several in
    /// flight the account's shared pacing (<c>Zoom:RateLimits</c>), not the round trip, sets the pace.
    /// </summary>
    public int InFlight { get; set; } = 4;

    /// <summary>Transient faults are retried this many times with backoff before the row shows 発行失敗.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First backoff; doubled per attempt, at most <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A deleted 日程's meeting delete is retried for ever, its backoff growing up to this (listed on 削除待ちのZoomミーティング).</summary>
    public TimeSpan TombstoneMaxBackoff { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A node holds a schedule this long; a node that dies mid-way releases it by expiry.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Zoom's per-host daily create+update limit (for the warning before saving).</summary>
    public int DailyHostLimit { get; set; } = 100;

    /// <summary>How often each linked Zoom account is reconciled (tagged meetings without a 日程 deleted at Zoom).</summary>
    public TimeSpan ReconciliationInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often a node looks for a due reconciliation (「今すぐ照合」 also wakes it at once).</summary>
    public TimeSpan ReconciliationPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Switch the worker off on a node (e.g. a node that only serves pages).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Wakes this node's worker right after an edit, so that rows do not wait a poll interval.</summary>
public sealed class MeetingSyncSignal : WorkerSignal;
