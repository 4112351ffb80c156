using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Saiyo.Data;

/// <summary>
/// One SQLite file's writers in order (<see cref="SqliteWriteGate"/>): the gate passes from one holder straight to the
/// next waiter, first come first served, so a writer that arrives while others wait never overtakes them.
/// </summary>
internal sealed class WriteGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private bool _held;

    // A waiter past MaxWait is dropped by a sweep rather than by a timer per wait (a rush queues ~100 at once).
    private static readonly List<WeakReference<WriteGate>> All = [];
    private static readonly Timer Sweeper = new(static _ => SweepAll(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public WriteGate()
    {
        lock (All) All.Add(new(this));
    }

    /// <summary>A writer waiting its turn: true once it holds the gate, false if it gave up.</summary>
    internal sealed class Waiter() : TaskCompletionSource<bool>(TaskCreationOptions.None)
    {
        public long Since { get; } = Stopwatch.GetTimestamp();
        public TimeSpan MaxWait { get; init; }
        public LinkedListNode<Waiter>? Node { get; set; }
        public long GrantedAt { get; set; }

        /// <summary>Wakes the new holder through the thread pool (from a synchronous end: never runs it on the caller's stack).</summary>
        public void Wake() => ThreadPool.UnsafeQueueUserWorkItem(static w => w.TrySetResult(true), this, preferLocal: true);
    }

    public bool TryEnter()
    {
        lock (_lock)
        {
            if (_held) return false;
            _held = true;
            return true;
        }
    }

    public async ValueTask<bool> EnterAsync(TimeSpan maxWait, CancellationToken ct)
    {
        var waiter = Queue(maxWait);
        if (waiter is null) return true;
        await using (ct.UnsafeRegister(static (state, token) =>
        {
            var (gate, w) = ((WriteGate, Waiter))state!;
            gate.GiveUp(w, token);
        }, (this, waiter)))
        {
            var entered = await waiter.Task;
            if (entered) WriteGateMetrics.HandedOver(Stopwatch.GetElapsedTime(waiter.GrantedAt), Stopwatch.GetElapsedTime(waiter.Since));
            return entered;
        }
    }

    public bool Enter(TimeSpan maxWait)
    {
        var waiter = Queue(maxWait);
        if (waiter is null) return true;
        var entered = waiter.Task.GetAwaiter().GetResult();
        if (entered) WriteGateMetrics.HandedOver(Stopwatch.GetElapsedTime(waiter.GrantedAt), Stopwatch.GetElapsedTime(waiter.Since));
        return entered;
    }

    private Waiter? Queue(TimeSpan maxWait)
    {
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return null;
            }
            var waiter = new Waiter { MaxWait = maxWait };
            waiter.Node = _waiters.AddLast(waiter);
            return waiter;
        }
    }

    /// <summary>Leaves the gate: the first waiter holds it from now on (returned, to be woken by the caller), or nobody.</summary>
    public Waiter? Leave()
    {
        lock (_lock)
        {
            if (_waiters.First is not { } first)
            {
                _held = false;
                return null;
            }
            _waiters.RemoveFirst();
            first.Value.Node = null;
            first.Value.GrantedAt = Stopwatch.GetTimestamp();
            return first.Value;
        }
    }

    private bool Remove(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Node is null) return false; // already holds the gate: it releases it as usual
            _waiters.Remove(waiter.Node);
            waiter.Node = null;
            return true;
        }
    }

    private void GiveUp(Waiter waiter, CancellationToken ct)
    {
        if (Remove(waiter)) waiter.TrySetCanceled(ct);
    }

    private void Sweep()
    {
        List<Waiter>? expired = null;
        lock (_lock)
        {
            for (var node = _waiters.First; node is not null;)
            {
                var next = node.Next;
                if (Stopwatch.GetElapsedTime(node.Value.Since) > node.Value.MaxWait)
                {
                    _waiters.Remove(node);
                    node.Value.Node = null;
                    (expired ??= []).Add(node.Value);
                }
                node = next;
            }
        }
        // Past MaxWait the writer goes on ungated: SQLite's own lock (busy retries) still decides.
        foreach (var waiter in expired ?? []) ThreadPool.UnsafeQueueUserWorkItem(static w => w.TrySetResult(false), waiter, preferLocal: false);
    }

    private static void SweepAll()
    {
        WriteGate[] gates;
        lock (All)
        {
            All.RemoveAll(w => !w.TryGetTarget(out _));
            gates = [.. All.Select(w => w.TryGetTarget(out var g) ? g : null).OfType<WriteGate>()];
        }
        foreach (var gate in gates) gate.Sweep();
    }

    /// <summary>
    /// Wakes <paramref name="next"/> (it already holds the gate) on this thread and queues the caller's own continuation
    /// instead: the gate is not idle while the next writer waits for a thread. Only one level deep: a writer woken this
    /// way that leaves the gate in turn queues its successor first (on top of this thread's local queue, so it runs next).
    /// </summary>
    public static async Task SwapAsync(Waiter next) => await new Swap(next);

    [ThreadStatic] private static bool t_waking;

    private readonly struct Swap(Waiter next) : ICriticalNotifyCompletion
    {
        public Swap GetAwaiter() => this;

        public bool IsCompleted => false;

        public void GetResult() { }

        public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

        public void UnsafeOnCompleted(Action continuation)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: true);
            if (t_waking)
            {
                next.Wake(); // queued after the continuation: the local queue is LIFO, so the next writer runs first
                return;
            }
            t_waking = true;
            try
            {
                next.TrySetResult(true); // runs the waiter's continuation here, up to its next real wait
            }
            finally
            {
                t_waking = false;
            }
        }
    }
}

/// <summary>The write gate's figures (issue 16): how long the gate idles between holders, how long writers wait and hold it.</summary>
internal static class WriteGateMetrics
{
    public const string MeterName = "Saiyo.SqliteWriteGate";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> HandOver = Meter.CreateHistogram<double>("saiyo.sqlite_gate.handover", "ms",
        "Time from a holder leaving the gate to the next writer running (the gate idles meanwhile).");
    private static readonly Histogram<double> Wait = Meter.CreateHistogram<double>("saiyo.sqlite_gate.wait", "ms", "Time a writer queued at the gate.");
    private static readonly Histogram<double> Hold = Meter.CreateHistogram<double>("saiyo.sqlite_gate.hold", "ms", "Time a writer held the gate.");

    public static void HandedOver(TimeSpan handOver, TimeSpan wait)
    {
        HandOver.Record(handOver.TotalMilliseconds);
        Wait.Record(wait.TotalMilliseconds);
    }

    public static void Held(TimeSpan held, string kind) => Hold.Record(held.TotalMilliseconds, new KeyValuePair<string, object?>("kind", kind));
}
