using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Meetings;

/// <summary>Zoom's per-host daily create+update quota as Saiyo has used it (resets 00:00 UTC).</summary>
public static class HostQuota
{
    public static async Task CountAsync(IServiceScopeFactory scopes, Guid companyId, string host, DateTime nowUtc, CancellationToken ct)
    {
        var day = DateTime.SpecifyKind(nowUtc.Date, DateTimeKind.Utc);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var n = await db.HostQuotaUsages.Where(q => q.CompanyId == companyId && q.HostExternalUserId == host && q.DayUtc == day)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.Count, q => q.Count + 1), ct);
            if (n > 0) return;
            db.HostQuotaUsages.Add(new HostQuotaUsage { CompanyId = companyId, HostExternalUserId = host, DayUtc = day, Count = 1 });
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

    /// <summary>Calls left today for <paramref name="host"/>.</summary>
    public static async Task<int> RemainingAsync(SaiyoDbContext db, Guid companyId, string host, DateTime nowUtc, int limit, CancellationToken ct)
    {
        var day = DateTime.SpecifyKind(nowUtc.Date, DateTimeKind.Utc);
        var used = await db.HostQuotaUsages.Where(q => q.CompanyId == companyId && q.HostExternalUserId == host && q.DayUtc == day)
            .Select(q => q.Count).FirstOrDefaultAsync(ct);
        return Math.Max(0, limit - used);
    }
}
