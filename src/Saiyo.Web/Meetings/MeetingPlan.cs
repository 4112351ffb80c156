using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Meetings;

/// <summary>
/// What a schedule's meeting should be, and how an edit hands the change to <see cref="MeetingSyncWorker"/>:
/// the wanted state is the schedule row itself; an edit bumps <see cref="ScheduleMeeting.WantedVersion"/> in the same
/// SaveChanges as the edit, so nothing is lost and the worker picks it up.
/// </summary>
public static class MeetingPlan
{
    /// <summary>
    /// Zoom keeps a meeting for a schedule of a Zoom event with a host while it is shown (bookable) or has active bookings:
    /// hiding stops new bookings, it does not take the meeting from applicants already booked.
    /// </summary>
    public static bool KeepsMeeting(Schedule s, InterviewEvent e) =>
        !s.Deleted && (s.Shown || s.BookedCount > 0) && e.VideoProvider == VideoProvider.Zoom && !string.IsNullOrEmpty(HostOf(s, e));

    /// <summary>Each 日程 of this イベント gets its own host (<see cref="HostAssignment"/>): from the ホストプール or its 面接官's Zoom users.</summary>
    public static bool UsesPool(InterviewEvent e) => e.VideoProvider == VideoProvider.Zoom && e.HostMode != HostMode.SingleUser;

    /// <summary>
    /// The meeting worker is about to create, move or update this 日程's meeting (a new URL may be a moment away): the 面接官's
    /// calendars wait for its outcome rather than get a REQUEST now and another with the link. Only until its first try:
    /// after a fault (Zoom down, retries with backoff) the 面接官 hear now and get the link when it comes.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Schedule, bool>> LinkComingExpr =
        s => !s.Deleted && s.Meeting.State == MeetingState.Pending && s.Meeting.WantedVersion != s.Meeting.AppliedVersion && s.Meeting.Attempts == 0;

    private static readonly Func<Schedule, bool> LinkComingCompiled = LinkComingExpr.Compile();

    /// <inheritdoc cref="LinkComingExpr"/>
    public static bool LinkComing(Schedule s) => LinkComingCompiled(s);

    /// <summary>The host the meeting should be on: the 日程's own with a ホストプール or 面接官 hosts, else the イベント's.</summary>
    public static string? HostOf(Schedule s, InterviewEvent e) => e.HostMode != HostMode.SingleUser ? s.PoolHostExternalUserId : e.HostExternalUserId;

    /// <summary>Why a coming 日程 of a 面接官-hosted イベント has no meeting: none of its 面接官 has a Zoom user (a person must act).</summary>
    public const string NoInterviewerHost = "NoInterviewerHost";

    /// <summary>A 日程 that wants a meeting in the 面接官 host mode but got no host: it shows 発行失敗 (<see cref="NoInterviewerHost"/>).</summary>
    public static bool LacksInterviewerHost(Schedule s, InterviewEvent e, DateTime nowUtc) =>
        e.VideoProvider == VideoProvider.Zoom && e.HostMode == HostMode.Interviewer && string.IsNullOrEmpty(s.PoolHostExternalUserId)
        && !s.Deleted && (s.Shown || s.BookedCount > 0) && s.StartUtc > nowUtc;

    /// <summary>
    /// A booking taken or released on a hidden schedule may change whether it keeps its meeting (its first booking by staff,
    /// its last one leaving): makes it due for the worker, which decides from the row. Use after the BookedCount update,
    /// in the same transaction; a shown schedule keeps its meeting either way and is left alone.
    /// </summary>
    public static Task<int> TouchIfHiddenAsync(SaiyoDbContext db, Guid scheduleId, DateTime nowUtc, CancellationToken ct) =>
        db.Schedules.Where(s => s.Id == scheduleId && !s.Shown && !s.Deleted && (s.Meeting.ZoomId != null || s.BookedCount > 0))
            .ExecuteUpdateAsync(x => x
                .SetProperty(s => s.Meeting.WantedVersion, s => s.Meeting.WantedVersion + 1)
                .SetProperty(s => s.Meeting.State, MeetingState.Pending)
                .SetProperty(s => s.Meeting.NextAttemptAtUtc, nowUtc)
                .SetProperty(s => s.Meeting.Attempts, 0)
                .SetProperty(s => s.Meeting.LastError, (string?)null), ct);

    /// <summary>
    /// <see cref="ScheduleMeeting.LastError"/> of a 日程 whose host Zoom deactivated or deleted (<c>user.deactivated</c>, or
    /// Zoom refusing a user that does not exist or is not active): a recruiter must pick another user.
    /// </summary>
    public const string HostGone = "HostGone";

    /// <summary>
    /// <see cref="ScheduleMeeting.LastError"/> of a pool (or 面接官-hosted) 日程 whose host Zoom removed while no other host was
    /// free at its time: the team adds or frees a host, then 「再試行」 (or saves 予約動作設定) issues it again.
    /// </summary>
    public const string NoFreeHost = "NoFreeHost";

    /// <summary>
    /// 発行失敗 for a reason a person must act on: left alone by the worker until an edit or 「再試行」. The version is raised so
    /// that a worker round already running on the old wanted state cannot write its outcome over this.
    /// </summary>
    public static void Fail(Schedule s, string reason)
    {
        s.Meeting.WantedVersion++;
        s.Meeting.State = MeetingState.Failed;
        s.Meeting.LastError = reason;
        s.Meeting.NextAttemptAtUtc = null;
        s.Meeting.Attempts = 0;
    }

    /// <summary>Records that the meeting must be (re)checked now. Call in the same unit of work as the edit.</summary>
    public static void Touch(SaiyoDbContext db, Schedule s, InterviewEvent e, DateTime nowUtc)
    {
        s.Meeting.WantedVersion++;
        s.Meeting.Attempts = 0;
        s.Meeting.LastError = null;
        if (s.Meeting.ZoomId is null && !s.Meeting.ReconcileFirst && LacksInterviewerHost(s, e, nowUtc))
        {
            s.Meeting.State = MeetingState.Failed;
            s.Meeting.LastError = NoInterviewerHost;
            s.Meeting.NextAttemptAtUtc = null;
        }
        else if (s.Meeting.ZoomId is null && !s.Meeting.ReconcileFirst && !(KeepsMeeting(s, e) && s.StartUtc > nowUtc))
        {
            // Nothing to create and nothing to remove: settled without the worker.
            s.Meeting.State = MeetingState.None;
            s.Meeting.AppliedVersion = s.Meeting.WantedVersion;
            s.Meeting.NextAttemptAtUtc = null;
        }
        else
        {
            s.Meeting.State = MeetingState.Pending;
            s.Meeting.NextAttemptAtUtc = nowUtc;
        }
        var entry = db.Entry(s.Meeting);
        if (entry.State == EntityState.Unchanged || entry.State == EntityState.Modified)
        {
            // Written even when equal to what this request read: the worker may have changed them meanwhile.
            entry.Property(x => x.State).IsModified = true;
            entry.Property(x => x.NextAttemptAtUtc).IsModified = true;
            entry.Property(x => x.AppliedVersion).IsModified = true;
            entry.Property(x => x.LastError).IsModified = true;
            entry.Property(x => x.Attempts).IsModified = true;
        }
    }

    /// <summary>「選考会名 イベント名」, the meeting's topic.</summary>
    public static string Topic(string meetingName, string eventName) => $"{meetingName} {eventName}";

    /// <summary>The tag that finds this schedule's meeting again after a lost create.</summary>
    public static string Tag(Guid scheduleId) => "saiyo-" + scheduleId.ToString("N");

    /// <summary>What a row shows: an Issued/None row whose newer wanted state is not applied yet is 発行待ち.</summary>
    public static MeetingState Display(Schedule s) =>
        s.Meeting.WantedVersion != s.Meeting.AppliedVersion && s.Meeting.State is MeetingState.Issued or MeetingState.None ? MeetingState.Pending : s.Meeting.State;
}
