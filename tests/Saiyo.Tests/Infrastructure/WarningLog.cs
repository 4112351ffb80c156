using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Saiyo.Tests.Infrastructure;

/// <summary>Keeps a host's warnings and errors in memory (<see cref="SaiyoAppFactory.Warnings"/>), beside its log file.</summary>
public sealed class WarningLog(ConcurrentQueue<string> warnings) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(warnings, categoryName);

    public void Dispose() { }

    private sealed class Logger(ConcurrentQueue<string> warnings, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) warnings.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}
