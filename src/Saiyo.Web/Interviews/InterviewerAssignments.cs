using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Interviews;

/// <summary>
/// Who interviews on a 日程: its own 面接官 when it has any, else the イベント's 面接官 whose Zoom user hosts it (面接官 host
/// mode, <see cref="Schedule.HostInterviewerId"/>), else every one of its イベント's. Every interviewer-facing query
/// starts from <see cref="SchedulesOf"/>, so an unassigned 日程 (and its applicants) is simply not found.
/// </summary>
public static class InterviewerAssignments
{
    /// <summary>The company's live 日程 that <paramref name="userId"/> is assigned to.</summary>
    public static IQueryable<Schedule> SchedulesOf(SaiyoDbContext db, Guid companyId, Guid userId) =>
        db.Schedules.Where(s => s.CompanyId == companyId && !s.Deleted && (
            db.ScheduleInterviewers.Any(x => x.ScheduleId == s.Id && x.StaffUserId == userId)
            || (!db.ScheduleInterviewers.Any(x => x.ScheduleId == s.Id)
                && (s.HostInterviewerId == userId
                    || (s.HostInterviewerId == null && db.EventInterviewers.Any(x => x.EventId == s.EventId && x.StaffUserId == userId))))));

    /// <summary>The 面接官 of one 日程 (its own, else the hosting one, else its イベント's).</summary>
    public static async Task<List<Guid>> InterviewersOfAsync(SaiyoDbContext db, Schedule schedule, CancellationToken ct)
    {
        var own = await db.ScheduleInterviewers.Where(x => x.ScheduleId == schedule.Id).Select(x => x.StaffUserId).ToListAsync(ct);
        return own.Count > 0 ? own
            : schedule.HostInterviewerId is { } host ? [host]
            : await db.EventInterviewers.Where(x => x.EventId == schedule.EventId).Select(x => x.StaffUserId).ToListAsync(ct);
    }

    /// <summary>The company's staff who can be assigned (any role: 採用担当 interview too), by name.</summary>
    public static async Task<List<(Guid Id, string Name, string Email)>> CandidatesAsync(SaiyoDbContext db, Guid companyId, CancellationToken ct)
    {
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.CompanyId == companyId)
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        return rows.Select(u => (u.Id, u.DisplayName, u.Email ?? "")).ToList();
    }
}
