using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Saiyo.Data;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Meetings;

/// <summary>
/// Zoom's per-host daily create+update quota (resets 00:00 UTC) as Saiyo has used it, and Zoom's own word that it is used
/// up: one row per host and UTC day, shared by every node.
/// </summary>
public static class HostQuota
{
    /// <summary>
    /// Takes one of <paramref name="host"/>'s calls for today before a create or update is sent: a conditional UPDATE that
    /// counts it only while fewer than <paramref name="limit"/> are taken and Zoom has not said the limit is reached. So
    /// calls in flight at once, on any node, never ask Zoom for more than the quota. False: none left today.
    /// </summary>
    public static async Task<bool> TryReserveAsync(IServiceScopeFactory scopes, Guid companyId, string host, DateTime nowUtc, int limit, CancellationToken ct)
    {
        var day = DateTime.SpecifyKind(nowUtc.Date, DateTimeKind.Utc);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var today = db.HostQuotaUsages.Where(q => q.CompanyId == companyId && q.HostExternalUserId == host && q.DayUtc == day);
            var left = today.Where(q => q.Count < limit && (q.LimitReachedUntilUtc == null || q.LimitReachedUntilUtc <= nowUtc));
            var taken = await left.ExecuteUpdateAsync(set => set.SetProperty(q => q.Count, q => q.Count + 1), ct);
            if (taken > 0) return true;
            if (await today.AnyAsync(ct))
            {
                if (!await left.AnyAsync(ct)) return false;
                continue; // another call inserted today's row just after this one looked: take from it
            }
            db.HostQuotaUsages.Add(new HostQuotaUsage { CompanyId = companyId, HostExternalUserId = host, DayUtc = day, Count = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another node inserted the row first
            }
        }
        return false;
    }

    /// <summary>Gives back a call taken by <see cref="TryReserveAsync"/> that Zoom did not count (a per-second 429).</summary>
    public static async Task ReleaseAsync(IServiceScopeFactory scopes, Guid companyId, string host, DateTime nowUtc, CancellationToken ct)
    {
        var day = DateTime.SpecifyKind(nowUtc.Date, DateTimeKind.Utc);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        await db.HostQuotaUsages.Where(q => q.CompanyId == companyId && q.HostExternalUserId == host && q.DayUtc == day && q.Count > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.Count, q => q.Count - 1), ct);
    }

    /// <summary>Records Zoom's daily-limit answer for <paramref name="host"/>: nothing more is sent for it before <paramref name="resumesAtUtc"/>.</summary>
    public static Task RecordLimitAsync(IServiceScopeFactory scopes, Guid companyId, string host, DateTime nowUtc, DateTime resumesAtUtc, CancellationToken ct) =>
        UpsertAsync(scopes, companyId, host, nowUtc, set => set.SetProperty(q => q.LimitReachedUntilUtc, resumesAtUtc), q => q.LimitReachedUntilUtc = resumesAtUtc, ct);

    /// <summary>When Zoom said <paramref name="host"/>'s daily limit is reached and it has not reset yet: until when; else null.</summary>
    public static Task<DateTime?> LimitedUntilAsync(SaiyoDbContext db, Guid companyId, string host, DateTime nowUtc, CancellationToken ct) =>
        db.HostQuotaUsages.Where(q => q.CompanyId == companyId && q.HostExternalUserId == host && q.LimitReachedUntilUtc > nowUtc)
            .MaxAsync(q => q.LimitReachedUntilUtc, ct);

    private static async Task UpsertAsync(IServiceScopeFactory scopes, Guid companyId, string host, DateTime nowUtc,
        Action<UpdateSettersBuilder<HostQuotaUsage>> update, Action<HostQuotaUsage> first, CancellationToken ct)
    {
        var day = DateTime.SpecifyKind(nowUtc.Date, DateTimeKind.Utc);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var n = await db.HostQuotaUsages.Where(q => q.CompanyId == companyId && q.HostExternalUserId == host && q.DayUtc == day)
                .ExecuteUpdateAsync(update, ct);
            if (n > 0) return;
            var row = new HostQuotaUsage { CompanyId = companyId, HostExternalUserId = host, DayUtc = day };
            first(row);
            db.HostQuotaUsages.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another node inserted the row first
            }
        }
    }

    /// <summary>Calls left today for <paramref name="host"/>: none once Zoom said so.</summary>
    public static async Task<int> RemainingAsync(SaiyoDbContext db, Guid companyId, string host, DateTime nowUtc, int limit, CancellationToken ct)
    {
        var day = DateTime.SpecifyKind(nowUtc.Date, DateTimeKind.Utc);
        var today = await db.HostQuotaUsages.Where(q => q.CompanyId == companyId && q.HostExternalUserId == host && q.DayUtc == day)
            .Select(q => new { q.Count, q.LimitReachedUntilUtc }).FirstOrDefaultAsync(ct);
        if (today?.LimitReachedUntilUtc > nowUtc) return 0;
        return Math.Max(0, limit - (today?.Count ?? 0));
    }
}
