using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// EF Core's command events (each command as it starts executing), heard in this process. Every host in the test process
/// shares the diagnostic listener: a caller keeps its own by the request or the database. Hosts that are heard need
/// <c>ConfigureLoggingCacheTime(TimeSpan.Zero)</c>, else EF skips a busy pooled context's events for a second.
/// </summary>
public static class EfCommands
{
    /// <summary>Calls <paramref name="onExecuting"/> for every command until disposed.</summary>
    public static IDisposable OnExecuting(Action<CommandEventData> onExecuting)
    {
        var listeners = new Listeners(listener => listener.Name != DbLoggerCategory.Name ? null : listener.Subscribe(new Events(e =>
        {
            if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data) onExecuting(data);
        })));
        var subscription = DiagnosticListener.AllListeners.Subscribe(listeners);
        return new Both(subscription, listeners);
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }

    private sealed class Listeners(Func<DiagnosticListener, IDisposable?> onListener) : IObserver<DiagnosticListener>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        public void OnNext(DiagnosticListener value)
        {
            if (onListener(value) is { } s) lock (_subscriptions) _subscriptions.Add(s);
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void Dispose()
        {
            lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
        }
    }

    private sealed class Events(Action<KeyValuePair<string, object?>> onEvent) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value) => onEvent(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
