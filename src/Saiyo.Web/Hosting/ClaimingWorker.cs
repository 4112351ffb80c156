using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Saiyo.Data;

namespace Saiyo.Web.Hosting;

/// <summary>
/// How a claiming worker polls, how long it holds a row, whether it runs on this node, and how many rows it works on at
/// once (<paramref name="InFlight"/>: for work bound by a remote round trip, e.g. Zoom, not by this node).
/// </summary>
public sealed record ClaimLoop(TimeSpan PollInterval, TimeSpan ClaimDuration, bool Enabled = true, int InFlight = 1);

/// <summary>A claiming worker, whatever it claims.</summary>
public interface IClaimingWorker
{
    /// <summary>
    /// Whether a row needs work now, claimed or not: false means no node has anything of this worker's to do until a row
    /// changes or a backoff ends (lets a caller, e.g. a test proving that nothing more happens, wait for quiet).
    /// </summary>
    Task<bool> HasDueWorkAsync(CancellationToken ct);
}

/// <summary>
/// The loop every outbound worker shares, on every node: find a due row, claim it with a conditional UPDATE that also
/// checks it is still due and unclaimed at that moment (so a row another node just finished is never worked again),
/// renew the claim while the work runs (a slow Zoom call or SMTP server never lets a second node in), release it, and on
/// stop let the work in hand finish; <see cref="PollingWorker"/> polls. A subclass says only which rows are due and
/// what it does with one.
/// </summary>
/// <remarks>
/// The claim's expiry is also its fencing token: a renewal only extends the value this node wrote, so a claim that
/// expired and was taken by another node is never extended by the first. It is kept to whole milliseconds so that it
/// compares equal after a round trip through either database.
/// </remarks>
public abstract partial class ClaimingWorker<TRow>(IServiceScopeFactory scopes, TimeProvider time, ILogger logger, WorkerSignal? signal = null)
    : PollingWorker(logger, signal), IClaimingWorker where TRow : class
{
    /// <summary>Work in hand gets this long to finish after the host was asked to stop.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>This node's worker, written on claims that have a column for it (diagnostics only).</summary>
    protected string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected abstract ClaimLoop Loop { get; }

    protected TimeProvider Time => time;

    /// <summary>The row's claim expiry (nullable UTC <see cref="DateTime"/>).</summary>
    protected abstract Expression<Func<TRow, DateTime?>> ClaimedUntil { get; }

    /// <summary>Rows that need work now, claims aside. Evaluated again inside the claiming UPDATE.</summary>
    protected abstract IQueryable<TRow> Due(SaiyoDbContext db, DateTime now);

    /// <summary>Which due row goes first.</summary>
    protected virtual IQueryable<TRow> InOrder(IQueryable<TRow> due, SaiyoDbContext db) => due;

    /// <summary>More columns set by the claim (e.g. who holds it).</summary>
    protected virtual void OnClaim(UpdateSettersBuilder<TRow> set) { }

    /// <summary>
    /// Whether <see cref="WorkAsync"/>, when it returns, has always cleared the claim with the row's outcome: then the loop
    /// skips its own release, one write fewer per row (on SQLite each write queues at the file's write gate, in the way of
    /// a booking rush's writes). A release still follows work that threw.
    /// </summary>
    protected virtual bool WorkReleasesClaim => false;

    /// <summary>Works on one claimed row and releases the claim with its outcome.</summary>
    protected abstract Task WorkAsync(IServiceProvider services, SaiyoDbContext db, Guid id, CancellationToken ct);

    protected override TimeSpan PollInterval => Loop.PollInterval;

    protected override bool Enabled => Loop.Enabled;

    protected override async Task PollOnceAsync(CancellationToken ct)
    {
        // After the host was asked to stop no row is claimed, and the work in hand gets StopGrace to finish.
        using var working = new CancellationTokenSource();
        await using var stopping = ct.Register(() => working.CancelAfter(StopGrace));
        async Task LoopAsync(Action? found)
        {
            while (!ct.IsCancellationRequested && await RunNextAsync(working.Token, found)) found = null;
        }
        // The other loops start once the first one found work: an idle poll (the common case) runs the due query once, not
        // once per loop. That query is a worker's whole cost when nothing is due, and some scan a table (issue 16).
        var workFound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = LoopAsync(() => workFound.TrySetResult());
        if (Loop.InFlight > 1 && await Task.WhenAny(workFound.Task, first) == workFound.Task)
            await Task.WhenAll(Enumerable.Range(1, Loop.InFlight - 1).Select(_ => LoopAsync(null)));
        await first;
    }

    public async Task<bool> HasDueWorkAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Due(scope.ServiceProvider.GetRequiredService<SaiyoDbContext>(), time.GetUtcNow().UtcDateTime).AnyAsync(ct);
    }

    /// <summary>Claims and works on one due row; false when nothing is due.</summary>
    /// <param name="found">Called once due rows were found, before the claim.</param>
    public async Task<bool> RunNextAsync(CancellationToken ct, Action? found = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        // With several rows in flight (on this node and others) each loop picks one of the first few at random, so that
        // they do not all race for the first one.
        var inFlight = Math.Max(1, Loop.InFlight);
        var candidates = await InOrder(Unclaimed(Due(db, now), now), db).Select(r => EF.Property<Guid>(r, "Id"))
            .Take(inFlight == 1 ? 1 : inFlight * 4).ToListAsync(ct);
        if (candidates.Count == 0) return false;
        found?.Invoke();

        var until = Whole(now + Loop.ClaimDuration);
        var id = Guid.Empty;
        for (int i = 0, start = Random.Shared.Next(candidates.Count); i < candidates.Count && id == Guid.Empty; i++)
        {
            var candidate = candidates[(start + i) % candidates.Count];
            var claimed = await Unclaimed(Due(db, now), now).Where(r => EF.Property<Guid>(r, "Id") == candidate)
                .ExecuteUpdateAsync(set =>
                {
                    set.SetProperty(ClaimedUntil, until);
                    OnClaim(set);
                }, ct);
            if (claimed > 0) id = candidate;
        }
        if (id == Guid.Empty) return true; // other loops took them, or finished them meanwhile

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var keeper = KeepClaimAsync(id, until, renewing.Token);
        var released = false;
        try
        {
            await WorkAsync(scope.ServiceProvider, db, id, ct);
            released = WorkReleasesClaim;
        }
        finally
        {
            await renewing.CancelAsync();
            var held = await keeper;
            // Normally the work released it with its outcome; after a crash or a stop, the next node need not wait for expiry.
            if (!released) await ReleaseAsync(id, held);
        }
        return true;
    }

    private IQueryable<TRow> Unclaimed(IQueryable<TRow> rows, DateTime now) =>
        rows.Where(Claim(until => until == null || until < now));

    /// <summary>A condition on the claim expiry as a condition on the row.</summary>
    private Expression<Func<TRow, bool>> Claim(Expression<Func<DateTime?, bool>> test)
    {
        var claimedUntil = ClaimedUntil; // one lambda: its body must refer to its own parameter
        return Expression.Lambda<Func<TRow, bool>>(
            ReplacingExpressionVisitor.Replace(test.Parameters[0], claimedUntil.Body, test.Body), claimedUntil.Parameters[0]);
    }

    /// <summary>Extends this node's claim every third of its duration while the work runs; returns the last expiry written.</summary>
    private async Task<DateTime> KeepClaimAsync(Guid id, DateTime until, CancellationToken ct)
    {
        var duration = Loop.ClaimDuration;
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, time, ct);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
                var held = until;
                var next = Whole(time.GetUtcNow().UtcDateTime + duration);
                var kept = await db.Set<TRow>()
                    .Where(r => EF.Property<Guid>(r, "Id") == id).Where(Claim(c => c == held))
                    .ExecuteUpdateAsync(set => set.SetProperty(ClaimedUntil, next), ct);
                if (kept == 0) return until; // released (or removed) meanwhile
                until = next;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogClaimRenewalFailed(Logger, ex, GetType().Name, id);
        }
        return until;
    }

    private async Task ReleaseAsync(Guid id, DateTime held)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
            await db.Set<TRow>()
                .Where(r => EF.Property<Guid>(r, "Id") == id).Where(Claim(c => c == held))
                .ExecuteUpdateAsync(set => set.SetProperty(ClaimedUntil, (DateTime?)null), CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogClaimRenewalFailed(Logger, ex, GetType().Name, id); // it expires as usual
        }
    }

    private static DateTime Whole(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker}: could not extend or release the claim on {RowId}; it expires as usual")]
    private static partial void LogClaimRenewalFailed(ILogger logger, Exception ex, string worker, Guid rowId);
}

/// <summary>Capped exponential backoff with jitter, shared by the workers.</summary>
public static class Backoff
{
    /// <summary>
    /// <paramref name="first"/> doubled per attempt, at most <paramref name="max"/>, minus up to a quarter at random, so that
    /// rows failed together by one outage do not all come back in the same instant.
    /// </summary>
    public static TimeSpan After(int attempts, TimeSpan first, TimeSpan max)
    {
        var capped = Math.Min(max.Ticks, first.Ticks * (1L << Math.Clamp(attempts, 0, 20)));
        return TimeSpan.FromTicks(capped - (long)(capped * 0.25 * Random.Shared.NextDouble()));
    }
}
