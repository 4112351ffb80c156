using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Hosting;

namespace Saiyo.Web.Interviews;

/// <summary>Wakes this node's <see cref="InterviewerCalendarWorker"/> right after a booking change committed here.</summary>
public sealed class InterviewerCalendarSignal : WorkerSignal;

/// <summary>
/// Brings the 面接官's calendars in line with a 日程's bookings after the booking request has answered (issue 16: the
/// booking transaction does the seat and the booking row only). A booking change marks its 日程
/// <see cref="Schedule.InterviewersDue"/> in the seat's own UPDATE; this worker claims the 日程 (any node), writes the
/// mails through <see cref="InterviewerInvitations"/> and clears the mark only if no booking change came meanwhile
/// (<see cref="Schedule.BookingsVersion"/>), so a change during the work is mailed by the next round. Changes that
/// land together are mailed together: one mail with the current applicants rather than one per booking.
/// </summary>
public sealed partial class InterviewerCalendarWorker(
    IServiceScopeFactory scopes, InterviewerInvitations invitations, InterviewerCalendarSignal signal, TimeProvider time, ILogger<InterviewerCalendarWorker> logger)
    : ClaimingWorker<Schedule>(scopes, time, logger, signal)
{
    /// <summary>A 日程 whose mails could not be written (the invitation rows kept changing) is tried again after this.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    protected override ClaimLoop Loop => new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));

    protected override Expression<Func<Schedule, DateTime?>> ClaimedUntil => s => s.InterviewersClaimedUntilUtc;

    /// <summary>Not <see cref="Meetings.MeetingPlan.LinkComingExpr"/>: a 日程 whose meeting is being issued or moved is due once the meeting worker has its outcome (its link).</summary>
    private static readonly Expression<Func<Schedule, bool>> MeetingSettled = Expression.Lambda<Func<Schedule, bool>>(
        Expression.Not(Meetings.MeetingPlan.LinkComingExpr.Body), Meetings.MeetingPlan.LinkComingExpr.Parameters);

    protected override IQueryable<Schedule> Due(SaiyoDbContext db, DateTime now) => db.Schedules.Where(s => s.InterviewersDue).Where(MeetingSettled);

    protected override async Task WorkAsync(IServiceProvider services, SaiyoDbContext db, Guid id, CancellationToken ct)
    {
        var version = await db.Schedules.Where(s => s.Id == id).Select(s => s.BookingsVersion).FirstOrDefaultAsync(ct);
        if (await invitations.BookingsChangedAsync([id], ct))
        {
            await db.Schedules.Where(s => s.Id == id && s.BookingsVersion == version)
                .ExecuteUpdateAsync(x => x.SetProperty(s => s.InterviewersDue, false).SetProperty(s => s.InterviewersClaimedUntilUtc, (DateTime?)null), ct);
            return;
        }
        // Still due: the claim, moved past this round, is the backoff (its release fences on the old expiry and leaves it).
        LogPostponed(logger, id);
        var later = Time.GetUtcNow().UtcDateTime + RetryAfter;
        await db.Schedules.Where(s => s.Id == id).ExecuteUpdateAsync(x => x.SetProperty(s => s.InterviewersClaimedUntilUtc, later), ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interviewer calendars of schedule {ScheduleId} could not be written; tried again shortly")]
    private static partial void LogPostponed(ILogger logger, Guid scheduleId);
}
