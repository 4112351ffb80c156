using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Web.Hosting;
using Saiyo.Web.Integrations;
using Saiyo.Zoom;

namespace Saiyo.Web.Meetings;

/// <summary>
/// Once a day per linked Zoom account (claimed, so one node does it): lists every user's scheduled meetings at Zoom and deletes
/// those that carry a Saiyo tag but that no 日程 row holds — neither by meeting ID nor as a create still being looked up by its
/// tag — each deletion audited in 連携の操作履歴. Zoom is listed before Saiyo's rows are read, so a meeting issued meanwhile is
/// already on its row. Untagged meetings (the account's own) are never touched. 「今すぐ照合」 on the Zoom page makes it due now.
/// </summary>
public sealed partial class ZoomReconciliationWorker(
    IServiceScopeFactory scopes, IOptionsMonitor<MeetingSyncOptions> options, ZoomReconciliationSignal signal, TimeProvider time, ILogger<ZoomReconciliationWorker> logger)
    : ClaimingWorker<VideoLinkage>(scopes, time, logger, signal)
{
    public const string Actor = "Saiyo";
    private const string TagPrefix = "saiyo-";

    protected override ClaimLoop Loop => new(options.CurrentValue.ReconciliationPollInterval, options.CurrentValue.ClaimDuration, options.CurrentValue.Enabled);

    protected override Expression<Func<VideoLinkage, DateTime?>> ClaimedUntil => l => l.ReconciliationClaimedUntilUtc;

    /// <summary>Linked, and due: when asked, else a day after the last run (or after the authorization, for the first).</summary>
    protected override IQueryable<VideoLinkage> Due(SaiyoDbContext db, DateTime now)
    {
        var firstAfter = now - options.CurrentValue.ReconciliationInterval;
        return db.VideoLinkages.Where(l => l.Provider == VideoProvider.Zoom && l.Status == LinkageStatus.Linked
            && (l.NextReconciliationAtUtc != null ? l.NextReconciliationAtUtc <= now : l.AuthorizedAtUtc <= firstAfter));
    }

    protected override async Task WorkAsync(IServiceProvider services, SaiyoDbContext db, Guid id, CancellationToken ct)
    {
        var link = await db.VideoLinkages.AsNoTracking().FirstAsync(l => l.Id == id, ct);
        var zoom = services.GetRequiredService<IZoomApiClient>();
        var error = await ReconcileAsync(db, zoom, link, ct);
        var now = Time.GetUtcNow().UtcDateTime;
        // A failed run comes back within the hour; a finished one the next day.
        var next = now + (error is null ? options.CurrentValue.ReconciliationInterval : TimeSpan.FromHours(1));
        await db.VideoLinkages.Where(l => l.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.NextReconciliationAtUtc, next)
            .SetProperty(l => l.LastReconciledAtUtc, error is null ? now : link.LastReconciledAtUtc)
            .SetProperty(l => l.LastReconciliationError, error), ct);
    }

    /// <summary>One run; the Zoom error kind that stopped it, or null.</summary>
    private async Task<string?> ReconcileAsync(SaiyoDbContext db, IZoomApiClient zoom, VideoLinkage link, CancellationToken ct)
    {
        var key = link.Id.ToString();
        var users = await zoom.ListUsersAsync(key, ct);
        if (!users.IsSuccess) return users.Error.Kind.ToString();
        var tagged = new List<(ZoomMeeting Meeting, ZoomUser Host)>();
        foreach (var user in users.Value)
        {
            var meetings = await zoom.ListMeetingsAsync(key, user.Id, ct);
            if (!meetings.IsSuccess) return meetings.Error.Kind.ToString();
            tagged.AddRange(meetings.Value.Where(m => m.ReconciliationTag?.StartsWith(TagPrefix, StringComparison.Ordinal) == true).Select(m => (m, user)));
        }
        if (tagged.Count == 0) return null;

        // Read after listing Zoom: a row written meanwhile is seen. Any company's row counts (meeting IDs are Zoom-wide).
        var ids = tagged.Select(t => (long?)t.Meeting.Id).ToList();
        var tags = tagged.Select(t => t.Meeting.ReconciliationTag).ToList();
        var held = (await db.Schedules.Where(s => ids.Contains(s.Meeting.ZoomId)).Select(s => s.Meeting.ZoomId).ToListAsync(ct)).ToHashSet();
        var lookedFor = (await db.Schedules.Where(s => s.Meeting.ReconcileFirst && s.Meeting.ZoomId == null && tags.Contains(s.Meeting.ReconciliationTag))
            .Select(s => s.Meeting.ReconciliationTag).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        string? error = null;
        foreach (var (m, host) in tagged.Where(t => !held.Contains(t.Meeting.Id) && !lookedFor.Contains(t.Meeting.ReconciliationTag!)))
        {
            var deleted = await zoom.DeleteMeetingAsync(key, m.Id, ct);
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"Zoom meeting {m.Id} 「{m.Topic}」 {m.StartUtc:yyyy-MM-dd HH:mm}Z host {host.Email}; tag {m.ReconciliationTag}");
            if (deleted.IsSuccess)
            {
                LogOrphanDeleted(logger, link.CompanyId, m.Id);
                AuditLog.Add(db, Time, link.CompanyId, null, Actor, AuditActions.OrphanMeetingDeleted, detail);
            }
            else
            {
                error = deleted.Error.Kind.ToString();
                AuditLog.Add(db, Time, link.CompanyId, null, Actor, AuditActions.OrphanMeetingDeleteFailed, detail + "; " + error);
            }
            await db.SaveChangesAsync(ct);
        }
        return error;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Company {CompanyId}: orphaned Zoom meeting {MeetingId} (Saiyo tag, no 日程) deleted")]
    private static partial void LogOrphanDeleted(ILogger logger, Guid companyId, long meetingId);
}

/// <summary>Wakes this node's reconciliation worker when an admin asks for it now.</summary>
public sealed class ZoomReconciliationSignal : WorkerSignal;
