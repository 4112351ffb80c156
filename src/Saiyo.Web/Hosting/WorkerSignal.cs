namespace Saiyo.Web.Hosting;

/// <summary>
/// Wakes one node's background worker right after a change on this node, so that work does not wait a poll interval.
/// Other nodes notice by polling: the database, not this signal, says what is due. One subclass per worker (for DI).
/// </summary>
public abstract class WorkerSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>
    /// Cheap when already signalled (every booking of a rush pokes): no Release, so no SemaphoreFullException thrown and
    /// caught. Two pokes racing past the check both Release; the loser's full-semaphore exception is the rare case.
    /// </summary>
    public void Poke()
    {
        if (_signal.CurrentCount > 0) return;
        try { _signal.Release(); }
        catch (SemaphoreFullException) { }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try { await _signal.WaitAsync(timeout, ct); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }
}
