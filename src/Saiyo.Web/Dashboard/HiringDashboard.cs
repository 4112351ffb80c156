using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Meetings;

namespace Saiyo.Web.Dashboard;

/// <summary>
/// What the home page of 管理者 and 採用担当 counts, always within one company. An applicant counts as interviewed in a
/// 選考会 when they hold an active booking on one of its 日程 that has ended and was not marked 欠席 (deleted applicants
/// excluded); a 評価 is missing for each interviewer assigned to that 日程 (its own, else its イベント's) who has not
/// submitted one, as long as no 合否 is set (then it can no longer be submitted).
/// </summary>
public sealed class HiringDashboard(SaiyoDbContext db)
{
    public sealed record Person(Guid Id, string Name);

    public sealed record TodayInterview(Guid ScheduleId, Guid SelectionMeetingId, DateTime StartUtc, DateTime EndUtc, string Meeting, string Event,
        bool Web, MeetingState State, IReadOnlyList<Person> Applicants);

    public sealed record MissingEvaluation(Guid ScheduleId, DateTime EndUtc, Person Applicant, Guid SelectionMeetingId, string Meeting, string Interviewer);

    public sealed record AwaitingResult(Person Applicant, Guid SelectionMeetingId, string Meeting, DateTime LastEndUtc);

    /// <summary>One 選考ステップ of the funnel: of the applicants who entered it in the period, how many booked and got which 合否.</summary>
    public sealed record FunnelStep(Guid StepId, string Name, int Entered, int Booked, int Passed, int Held, int Rejected)
    {
        /// <summary>通過率: passed ÷ entered; null when nobody entered.</summary>
        public double? PassRate => Entered == 0 ? null : (double)Passed / Entered;
    }

    /// <summary>The company's 日程 starting in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) with someone booked.</summary>
    public async Task<List<TodayInterview>> InterviewsAsync(Guid companyId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var rows = await (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            where s.CompanyId == companyId && !s.Deleted && s.StartUtc >= fromUtc && s.StartUtc < toUtc
                  && db.Bookings.Any(b => b.ScheduleId == s.Id && b.State == BookingState.Active)
            orderby s.StartUtc
            select new { s, MeetingId = m.Id, Meeting = m.Name, Event = e.Name, Web = e.VideoProvider != null }).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => r.s.Id).ToList();
        var booked = await (
            from b in db.Bookings.AsNoTracking()
            join a in db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where b.CompanyId == companyId && ids.Contains(b.ScheduleId) && b.State == BookingState.Active
            orderby b.CreatedAtUtc
            select new { b.ScheduleId, a.Id, a.Name }).ToListAsync(ct);
        return rows.Select(r => new TodayInterview(r.s.Id, r.MeetingId, r.s.StartUtc, r.s.EndUtc, r.Meeting, r.Event, r.Web, MeetingPlan.Display(r.s),
            booked.Where(b => b.ScheduleId == r.s.Id).Select(b => new Person(b.Id, b.Name)).ToList())).ToList();
    }

    /// <summary>How many 評価 are missing (interviewer × applicant × 選考会), and the oldest <paramref name="take"/> of them.</summary>
    public async Task<(int Count, List<MissingEvaluation> First)> MissingEvaluationsAsync(Guid companyId, DateTime nowUtc, int take, CancellationToken ct)
    {
        var interviewed = Interviewed(companyId, nowUtc);
        var assigned =
            (from r in interviewed
             join x in db.ScheduleInterviewers on r.ScheduleId equals x.ScheduleId
             select new { r.ScheduleId, r.EndUtc, r.ApplicantId, r.SelectionMeetingId, InterviewerId = x.StaffUserId })
            .Concat(
             from r in interviewed
             where r.HostInterviewerId != null && !db.ScheduleInterviewers.Any(y => y.ScheduleId == r.ScheduleId)
             select new { r.ScheduleId, r.EndUtc, r.ApplicantId, r.SelectionMeetingId, InterviewerId = r.HostInterviewerId!.Value })
            .Concat(
             from r in interviewed
             join x in db.EventInterviewers on r.EventId equals x.EventId
             where r.HostInterviewerId == null && !db.ScheduleInterviewers.Any(y => y.ScheduleId == r.ScheduleId)
             select new { r.ScheduleId, r.EndUtc, r.ApplicantId, r.SelectionMeetingId, InterviewerId = x.StaffUserId });
        var missing = assigned.Where(p =>
            !db.Evaluations.Any(v => v.ApplicantId == p.ApplicantId && v.SelectionMeetingId == p.SelectionMeetingId && v.InterviewerId == p.InterviewerId)
            && !db.SelectionResults.Any(x => x.SelectionMeetingId == p.SelectionMeetingId && x.ApplicantId == p.ApplicantId));
        var count = await missing.Select(p => new { p.InterviewerId, p.ApplicantId, p.SelectionMeetingId }).Distinct().CountAsync(ct);
        if (count == 0) return (0, []);
        // One row per missing 評価 (an applicant booked twice in a 選考会 owes one), the longest waiting first.
        var first = (await missing.OrderBy(p => p.EndUtc).Take(take * 4).ToListAsync(ct))
            .DistinctBy(p => (p.InterviewerId, p.ApplicantId, p.SelectionMeetingId)).Take(take).ToList();
        var applicants = await NamesAsync(db.Applicants.Where(a => a.CompanyId == companyId), first.Select(p => p.ApplicantId), ct);
        var meetings = await MeetingNamesAsync(companyId, first.Select(p => p.SelectionMeetingId), ct);
        var interviewerIds = first.Select(p => p.InterviewerId).Distinct().ToList();
        var interviewers = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId && interviewerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return (count, first.Select(p => new MissingEvaluation(p.ScheduleId, p.EndUtc, new Person(p.ApplicantId, applicants.GetValueOrDefault(p.ApplicantId, "")),
            p.SelectionMeetingId, meetings.GetValueOrDefault(p.SelectionMeetingId, ""), interviewers.GetValueOrDefault(p.InterviewerId, ""))).ToList());
    }

    /// <summary>How many applicants were interviewed in a 選考会 and have no 合否 there (applicant × 選考会), the longest waiting first.</summary>
    public async Task<(int Count, List<AwaitingResult> First)> AwaitingResultsAsync(Guid companyId, DateTime nowUtc, int take, CancellationToken ct)
    {
        var awaiting = Interviewed(companyId, nowUtc)
            .Where(r => !db.SelectionResults.Any(x => x.SelectionMeetingId == r.SelectionMeetingId && x.ApplicantId == r.ApplicantId))
            .GroupBy(r => new { r.ApplicantId, r.SelectionMeetingId })
            .Select(g => new { g.Key.ApplicantId, g.Key.SelectionMeetingId, LastEndUtc = g.Max(r => r.EndUtc) });
        var count = await awaiting.CountAsync(ct);
        if (count == 0) return (0, []);
        var first = await awaiting.OrderBy(g => g.LastEndUtc).Take(take).ToListAsync(ct);
        var applicants = await NamesAsync(db.Applicants.Where(a => a.CompanyId == companyId), first.Select(p => p.ApplicantId), ct);
        var meetings = await MeetingNamesAsync(companyId, first.Select(p => p.SelectionMeetingId), ct);
        return (count, first.Select(p => new AwaitingResult(new Person(p.ApplicantId, applicants.GetValueOrDefault(p.ApplicantId, "")),
            p.SelectionMeetingId, meetings.GetValueOrDefault(p.SelectionMeetingId, ""), p.LastEndUtc)).ToList());
    }

    /// <summary>
    /// The funnel of the company's 選考フロー: per step in order, the applicants who entered it in [from, to) (their first
    /// invitation to one of its 選考会, on registration or on 通過 in the step before), how many of them booked there, and
    /// their 合否 in the step (通過 if any of its 選考会 passed them, else 保留, else 不合格). 選考会 without a step are not counted.
    /// </summary>
    public async Task<List<FunnelStep>> FunnelAsync(Guid companyId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var steps = await db.SelectionSteps.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Order).ToListAsync(ct);
        var meetings = db.SelectionMeetings.Where(m => m.CompanyId == companyId && m.StepId != null);
        var invited = await (
            from i in db.ApplicantInvitations.AsNoTracking()
            join m in meetings on i.SelectionMeetingId equals m.Id
            where i.CompanyId == companyId
            group i by new { StepId = m.StepId!.Value, i.ApplicantId } into g
            select new { g.Key.StepId, g.Key.ApplicantId, First = g.Min(i => i.CreatedAtUtc) })
            .Where(x => x.First >= fromUtc && x.First < toUtc)
            .ToListAsync(ct);
        var applicantIds = invited.Select(x => x.ApplicantId).Distinct().ToList();
        var booked = (await (
            from b in db.Bookings.AsNoTracking()
            join s in db.Schedules on b.ScheduleId equals s.Id
            join e in db.InterviewEvents on s.EventId equals e.Id
            join m in meetings on e.SelectionMeetingId equals m.Id
            where b.CompanyId == companyId && b.State == BookingState.Active && applicantIds.Contains(b.ApplicantId)
            select new { StepId = m.StepId!.Value, b.ApplicantId }).Distinct().ToListAsync(ct))
            .Select(x => (x.StepId, x.ApplicantId)).ToHashSet();
        var outcomes = (await (
            from r in db.SelectionResults.AsNoTracking()
            join m in meetings on r.SelectionMeetingId equals m.Id
            where r.CompanyId == companyId && applicantIds.Contains(r.ApplicantId)
            select new { StepId = m.StepId!.Value, r.ApplicantId, r.Outcome }).ToListAsync(ct))
            .GroupBy(x => (x.StepId, x.ApplicantId))
            .ToDictionary(g => g.Key, g => g.Select(x => x.Outcome).Min()); // Pass < Hold < Reject
        return steps.Select(step =>
        {
            var entered = invited.Where(x => x.StepId == step.Id).Select(x => x.ApplicantId).ToList();
            SelectionOutcome? Of(Guid a) => outcomes.TryGetValue((step.Id, a), out var o) ? o : null;
            return new FunnelStep(step.Id, step.Name, entered.Count, entered.Count(a => booked.Contains((step.Id, a))),
                entered.Count(a => Of(a) == SelectionOutcome.Pass), entered.Count(a => Of(a) == SelectionOutcome.Hold), entered.Count(a => Of(a) == SelectionOutcome.Reject));
        }).ToList();
    }

    /// <summary>Applicants interviewed in a 選考会 by now: active booking, 日程 ended, not 欠席, applicant not deleted.</summary>
    private IQueryable<InterviewedRow> Interviewed(Guid companyId, DateTime nowUtc) =>
        from b in db.Bookings
        join s in db.Schedules on b.ScheduleId equals s.Id
        join e in db.InterviewEvents on s.EventId equals e.Id
        join a in db.Applicants on b.ApplicantId equals a.Id
        where b.CompanyId == companyId && b.State == BookingState.Active && b.Attendance != Attendance.Absent
              && !s.Deleted && s.EndUtc <= nowUtc && a.DeletedAtUtc == null
        select new InterviewedRow { ScheduleId = s.Id, EventId = s.EventId, HostInterviewerId = s.HostInterviewerId, EndUtc = s.EndUtc, ApplicantId = b.ApplicantId, SelectionMeetingId = e.SelectionMeetingId };

    private sealed class InterviewedRow
    {
        public Guid ScheduleId { get; init; }
        public Guid EventId { get; init; }
        /// <summary>The 面接官 whose Zoom user hosts the 日程 (面接官 host mode): its interviewer when it has none of its own.</summary>
        public Guid? HostInterviewerId { get; init; }
        public DateTime EndUtc { get; init; }
        public Guid ApplicantId { get; init; }
        public Guid SelectionMeetingId { get; init; }
    }

    private static async Task<Dictionary<Guid, string>> NamesAsync(IQueryable<Applicant> applicants, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await applicants.AsNoTracking().Where(a => list.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
    }

    private async Task<Dictionary<Guid, string>> MeetingNamesAsync(Guid companyId, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.SelectionMeetings.AsNoTracking().Where(m => m.CompanyId == companyId && list.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
    }
}
