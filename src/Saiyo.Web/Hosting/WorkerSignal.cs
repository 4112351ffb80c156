namespace Saiyo.Web.Hosting;

/// <summary>
/// Wakes one node's background worker right after a change on this node, so that work does not wait a poll interval.
/// Other nodes notice by polling: the database, not this signal, says what is due. One subclass per worker (for DI).
/// </summary>
public abstract class WorkerSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Poke()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try { await _signal.WaitAsync(timeout, ct); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }
}
