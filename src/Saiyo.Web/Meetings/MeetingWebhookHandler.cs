using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;

namespace Saiyo.Web.Meetings;

/// <summary>
/// Zoom's <c>meeting.deleted</c>: someone deleted a schedule's meeting on Zoom's side. The row records it
/// (shown on 日程設定) and, while the schedule is still shown and in the future, the meeting is issued again
/// automatically: a shown schedule is bookable, so it must have a meeting. Deliveries for meetings Saiyo itself
/// removed (hidden, deleted, moving to a new host) are ignored. Idempotent (Zoom retries deliveries).
/// </summary>
public sealed class MeetingWebhookHandler(SaiyoDbContext db, MeetingSyncSignal signal, TimeProvider time)
{
    public async Task<int> HandleDeletedAsync(string? accountId, long meetingId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(accountId)) return 0;
        var companyId = await db.VideoLinkages.Where(l => l.Provider == VideoProvider.Zoom && l.ExternalAccountId == accountId)
            .Select(l => (Guid?)l.CompanyId).FirstOrDefaultAsync(ct);
        if (companyId is null) return 0;

        var touched = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow().UtcDateTime;
            var schedules = await db.Schedules.Where(s => s.CompanyId == companyId && s.ZoomMeetingId == meetingId && !s.Deleted && s.Shown).ToListAsync(ct);
            touched = 0;
            foreach (var s in schedules)
            {
                var ev = await db.InterviewEvents.AsNoTracking().FirstAsync(e => e.Id == s.EventId, ct);
                if (!MeetingPlan.KeepsMeeting(s, ev) || s.HostOfMeeting != ev.HostExternalUserId) continue; // Saiyo is removing it itself
                s.ZoomMeetingId = null;
                s.ZoomMeetingUuid = null;
                s.JoinUrl = null;
                s.ProtectedPasscode = null;
                s.IssuedAtUtc = null;
                s.DeletedOnZoomAtUtc = now;
                MeetingPlan.Touch(db, s, ev, now);
                touched++;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The worker or an edit wrote meanwhile: read again.
            }
        }
        if (touched > 0) signal.Poke();
        return touched;
    }
}
