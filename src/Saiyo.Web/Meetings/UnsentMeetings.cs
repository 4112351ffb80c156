using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Meetings;

/// <summary>
/// 送信停止: while a company's Zoom linkage is not 連携中, its coming Zoom 日程 get no meeting changes and their booked
/// applicants no new links. The home page counts them and 「送信停止中の予約」 lists the applicants.
/// </summary>
public static class UnsentMeetings
{
    public static async Task<LinkageStatus> LinkageStatusAsync(SaiyoDbContext db, Guid companyId, CancellationToken ct) =>
        await db.VideoLinkages.Where(x => x.CompanyId == companyId && x.Provider == VideoProvider.Zoom)
            .Select(x => (LinkageStatus?)x.Status).FirstOrDefaultAsync(ct) ?? LinkageStatus.NotLinked;

    /// <summary>Coming 日程 of Zoom events that want or hold a meeting (shown, booked, or issued), whatever the linkage.</summary>
    public static IQueryable<Schedule> Schedules(SaiyoDbContext db, Guid companyId, DateTime nowUtc) =>
        from s in db.Schedules
        join e in db.InterviewEvents on s.EventId equals e.Id
        where s.CompanyId == companyId && e.CompanyId == companyId && !s.Deleted && s.EndUtc > nowUtc && e.VideoProvider == VideoProvider.Zoom
              && (s.Shown || s.BookedCount > 0 || s.Meeting.ZoomId != null)
        select s;

    /// <summary>The active bookings on <see cref="Schedules"/>.</summary>
    public static IQueryable<Booking> Bookings(SaiyoDbContext db, Guid companyId, DateTime nowUtc) =>
        from b in db.Bookings
        join s in Schedules(db, companyId, nowUtc) on b.ScheduleId equals s.Id
        where b.CompanyId == companyId && b.State == BookingState.Active
        select b;
}
