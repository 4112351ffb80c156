namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// The real clock plus an offset that tests move forward (token expiry, daily limits). Unlike a
/// frozen fake clock, timers and delays (retry back-off, polling) still run in real time.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
