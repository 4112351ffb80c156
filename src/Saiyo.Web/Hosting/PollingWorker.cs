namespace Saiyo.Web.Hosting;

/// <summary>
/// The loop every background worker shares: do one round, log a failure and try again at the next poll, wait for the
/// poll interval (or until the signal wakes it), and end quietly when the host stops. A subclass says only how often
/// it polls and what one round does.
/// </summary>
public abstract partial class PollingWorker(ILogger logger, WorkerSignal? signal = null) : BackgroundService
{
    protected ILogger Logger => logger;

    /// <summary>Read before every wait, so a changed setting applies at the next poll.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>False: this node only waits (the worker runs on other nodes).</summary>
    protected virtual bool Enabled => true;

    /// <summary>One round of work; <paramref name="ct"/> is the host's stop.</summary>
    protected abstract Task PollOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Enabled)
            {
                try
                {
                    await PollOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPollFailed(logger, ex, GetType().Name);
                }
                catch (Exception)
                {
                    return; // stopping
                }
            }
            // Wall-clock polling (or woken by a change on this node); what is due is decided on the injected clock.
            if (signal is not null)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
                continue;
            }
            try { await Task.Delay(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} failed; retrying at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception ex, string worker);
}
