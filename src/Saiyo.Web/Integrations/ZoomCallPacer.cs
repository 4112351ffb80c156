using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Zoom;

namespace Saiyo.Web.Integrations;

/// <summary>
/// Zoom's per-second limits as a fact shared by every node: each call of a linked account takes the next free slot of its
/// category from <see cref="ZoomCallPacing"/> and waits for it. Taking a slot is one UPDATE … RETURNING that moves the slot
/// on by the spacing from whichever is later, the slot or now, so calls on any number of nodes never race for a slot nor
/// read it first: each gets its own in one round trip, and two nodes issuing together stay under the account's limit
/// instead of each learning it from Zoom's 429s. A 429 that comes anyway (another app on the account) moves the slot past
/// Retry-After for all. A call that would go out a whole turn after its slot takes a new one, so a stalled node does not
/// send a burst.
/// </summary>
public sealed partial class ZoomCallPacer(IServiceScopeFactory scopes, TimeProvider time, ILogger<ZoomCallPacer> logger) : IZoomRatePacer
{
    /// <summary>Turns taken again in a row (woken late each time) after which the caller says so once.</summary>
    private const int LateTurnsBeforeWarning = 20;

    public async ValueTask WaitTurnAsync(string connectionKey, ZoomRateCategory category, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(connectionKey, out var linkageId)) return;
        var name = category.ToString();
        var spacing = (long)Math.Ceiling(interval.TotalMilliseconds);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var lostInsert = 0;
        for (var turn = 1; ; turn++)
        {
            if (turn == LateTurnsBeforeWarning) LogContended(logger, linkageId, category);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var moved = await db.Database.SqlQuery<long>($"""
                UPDATE "ZoomCallPacings" SET "NextSlotUnixMs" = CASE WHEN "NextSlotUnixMs" > {now} THEN "NextSlotUnixMs" ELSE {now} END + {spacing}
                WHERE "LinkageId" = {linkageId} AND "Category" = {name}
                RETURNING "NextSlotUnixMs" AS "Value"
                """).ToListAsync(cancellationToken);
            long slot;
            if (moved.Count == 1) slot = moved[0] - spacing;
            else if (await TryInsertAsync(db, linkageId, name, now + spacing, cancellationToken)) slot = now;
            else if (lostInsert++ == 0) continue; // another node created it first
            else throw new InvalidOperationException($"Zoom pacing row of linkage {linkageId} ({name}) neither found nor inserted");
            if (slot <= now) return;
            await Task.Delay(TimeSpan.FromMilliseconds(slot - now), time, cancellationToken);
            // Woken a whole turn late (an overloaded node): sent now it would reach Zoom together with the next turn's call,
            // so it takes a new turn instead.
            if (time.GetUtcNow().ToUnixTimeMilliseconds() - slot >= spacing) continue;
            return;
        }
    }

    public async ValueTask RateLimitedAsync(string connectionKey, ZoomRateCategory category, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(connectionKey, out var linkageId)) return;
        LogRateLimited(logger, linkageId, category, retryAfter);
        var name = category.ToString();
        var until = (time.GetUtcNow() + retryAfter).ToUnixTimeMilliseconds();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var moved = await db.ZoomCallPacings.Where(p => p.LinkageId == linkageId && p.Category == name && p.NextSlotUnixMs < until)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextSlotUnixMs, until), cancellationToken);
        if (moved == 0 && !await db.ZoomCallPacings.AnyAsync(p => p.LinkageId == linkageId && p.Category == name, cancellationToken))
            await TryInsertAsync(db, linkageId, name, until, cancellationToken);
    }

    private static async Task<bool> TryInsertAsync(SaiyoDbContext db, Guid linkageId, string category, long nextSlotUnixMs, CancellationToken ct)
    {
        db.ZoomCallPacings.Add(new ZoomCallPacing { LinkageId = linkageId, Category = category, NextSlotUnixMs = nextSlotUnixMs });
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoom pacing of linkage {LinkageId} ({Category}): this node keeps waking a whole turn late and taking a new one (overloaded?)")]
    private static partial void LogContended(ILogger logger, Guid linkageId, ZoomRateCategory category);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zoom answered a per-second 429 for linkage {LinkageId} ({Category}); no call of the category before {RetryAfter} has passed")]
    private static partial void LogRateLimited(ILogger logger, Guid linkageId, ZoomRateCategory category, TimeSpan retryAfter);
}
