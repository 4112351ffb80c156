using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Zoom;

namespace Saiyo.Web.Integrations;

/// <summary>
/// Zoom's per-second limits as a fact shared by every node: each call of a linked account takes the next free slot of its
/// category from <see cref="ZoomCallPacing"/> (read, then a conditional UPDATE that moves it on only if nobody moved it
/// meanwhile) and waits for it. So two nodes issuing a series together stay under the account's limit instead of each
/// learning it from Zoom's 429s; a 429 that comes anyway (another app on the account) moves the slot past Retry-After for all.
/// A call that would go out a whole turn after its slot takes a new one, so a stalled node does not send a burst.
/// </summary>
public sealed partial class ZoomCallPacer(IServiceScopeFactory scopes, TimeProvider time, ILogger<ZoomCallPacer> logger) : IZoomRatePacer
{
    /// <summary>Lost races in a row after which the caller steps back for a moment (and says so once): it never goes out unpaced.</summary>
    private const int TriesBeforeBackingOff = 20;

    public async ValueTask WaitTurnAsync(string connectionKey, ZoomRateCategory category, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(connectionKey, out var linkageId)) return;
        var name = category.ToString();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        for (var attempt = 1; ; attempt++)
        {
            if (attempt % TriesBeforeBackingOff == 0)
            {
                if (attempt == TriesBeforeBackingOff) LogContended(logger, linkageId, category);
                await Task.Delay(interval * Random.Shared.NextDouble(), time, cancellationToken);
            }
            var now = Whole(time.GetUtcNow().UtcDateTime);
            var next = await db.ZoomCallPacings.Where(p => p.LinkageId == linkageId && p.Category == name)
                .Select(p => (DateTime?)p.NextSlotUtc).FirstOrDefaultAsync(cancellationToken);
            if (next is not { } held)
            {
                if (await TryInsertAsync(db, linkageId, name, now + interval, cancellationToken)) return;
                continue; // another node created it first
            }
            var slot = held > now ? held : now;
            var taken = await db.ZoomCallPacings.Where(p => p.LinkageId == linkageId && p.Category == name && p.NextSlotUtc == held)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextSlotUtc, Whole(slot + interval)), cancellationToken);
            if (taken == 0) continue; // another call took this slot
            if (slot <= now) return;
            await Task.Delay(slot - now, time, cancellationToken);
            // Woken a whole turn late (an overloaded node): sent now it would reach Zoom together with the next turn's call,
            // so it takes a new turn instead.
            if (time.GetUtcNow().UtcDateTime - slot >= interval) continue;
            return;
        }
    }

    public async ValueTask RateLimitedAsync(string connectionKey, ZoomRateCategory category, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(connectionKey, out var linkageId)) return;
        LogRateLimited(logger, linkageId, category, retryAfter);
        var name = category.ToString();
        var until = Whole(time.GetUtcNow().UtcDateTime + retryAfter);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var moved = await db.ZoomCallPacings.Where(p => p.LinkageId == linkageId && p.Category == name && p.NextSlotUtc < until)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextSlotUtc, until), cancellationToken);
        if (moved == 0 && !await db.ZoomCallPacings.AnyAsync(p => p.LinkageId == linkageId && p.Category == name, cancellationToken))
            await TryInsertAsync(db, linkageId, name, until, cancellationToken);
    }

    private static async Task<bool> TryInsertAsync(SaiyoDbContext db, Guid linkageId, string category, DateTime nextSlotUtc, CancellationToken ct)
    {
        db.ZoomCallPacings.Add(new ZoomCallPacing { LinkageId = linkageId, Category = category, NextSlotUtc = Whole(nextSlotUtc) });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Whole milliseconds, so that the value compares equal after a round trip through either database.</summary>
    private static DateTime Whole(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoom pacing of linkage {LinkageId} ({Category}): many lost races for a slot; stepping back before trying again")]
    private static partial void LogContended(ILogger logger, Guid linkageId, ZoomRateCategory category);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoom answered a per-second 429 for linkage {LinkageId} ({Category}); no call of the category before {RetryAfter} has passed")]
    private static partial void LogRateLimited(ILogger logger, Guid linkageId, ZoomRateCategory category, TimeSpan retryAfter);
}
