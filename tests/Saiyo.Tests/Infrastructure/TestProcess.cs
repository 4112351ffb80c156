using System.Runtime.CompilerServices;

namespace Saiyo.Tests.Infrastructure;

internal static class TestProcess
{
    /// <summary>
    /// Dozens of test hosts share this process, and SQLite's async calls block a thread (busy waits included). With the
    /// pool's default minimum (the core count, 2 here) the pool adds threads about one a second when they block, so
    /// timers such as a claim's renewal fire seconds late on a busy machine; a higher minimum keeps them on time.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseThreadPoolMinimum()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
