using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// Where a test host's logs go instead of the console: one file per test class, artifacts/logs/&lt;db&gt;/&lt;class&gt;.log,
/// shared by every node of the class, each line naming its node, each test between a start and an end marker
/// (<see cref="HostLogMarkersAttribute"/>). The suite's output stays readable (CI shows only its tail) and a failing test's
/// story is still there to read.
/// </summary>
public sealed class TestHostLog : ILoggerProvider
{
    private static readonly ConcurrentDictionary<string, TextWriter> Files = new();
    private readonly TextWriter _file;
    private readonly string _node;

    public TestHostLog(string node)
    {
        _node = node;
        _file = FileOfCurrentClass();
    }

    /// <summary>Writes a line into the running test class's log.</summary>
    public static void Mark(string text) =>
        FileOfCurrentClass().WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {text}"));

    private static TextWriter FileOfCurrentClass()
    {
        var path = Path.Combine(Artifacts.Dir("logs"), (TestContext.Current.TestClass?.TestClassSimpleName ?? "no-class") + ".log");
        // Append: a class's hosts come and go; scripts/test.sh empties the folder before each run.
        return Files.GetOrAdd(path, static p => TextWriter.Synchronized(new StreamWriter(p, append: true) { AutoFlush = true }));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { } // the file stays open for the class's other nodes; the process's end closes it

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        // No test name per line: a worker's log call carries the context of whichever test started the host.
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {Short(level)} [{_node}] {category}: {message}");
        _file.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
    }

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce", LogLevel.Debug => "dbug", LogLevel.Information => "info",
        LogLevel.Warning => "warn", LogLevel.Error => "fail", _ => "crit",
    };

    private sealed class Logger(TestHostLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
