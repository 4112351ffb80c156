using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>
/// What the 選考会/イベント/日程 pages share: the company (every query filters by it, so another company's id
/// is simply not found), its clock and zone, and handing meeting changes to the worker.
/// </summary>
public abstract class SelectionPageModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l)
    : PageModel
{
    protected SaiyoDbContext Db => db;
    protected CurrentCompany Current => current;
    protected CompanyClock Clock => clock;
    protected IStringLocalizer<SharedResource> L => l;
    protected MeetingSyncSignal Signal => signal;
    protected DateTime NowUtc => clock.NowUtc;

    /// <summary>A request for a handler these pages do not have (e.g. a POST to a read-only page) is simply not found.</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null) context.Result = NotFound();
    }

    protected Task<SelectionMeeting?> FindMeetingAsync(Guid id, CancellationToken ct)
    {
        var companyId = current.Id;
        return db.SelectionMeetings.FirstOrDefaultAsync(m => m.Id == id && m.CompanyId == companyId, ct);
    }

    protected Task<InterviewEvent?> FindEventAsync(Guid id, CancellationToken ct)
    {
        var companyId = current.Id;
        return db.InterviewEvents.FirstOrDefaultAsync(e => e.Id == id && e.CompanyId == companyId, ct);
    }

    protected Task<Schedule?> FindScheduleAsync(Guid id, CancellationToken ct)
    {
        var companyId = current.Id;
        return db.Schedules.FirstOrDefaultAsync(s => s.Id == id && s.CompanyId == companyId && !s.Deleted, ct);
    }

    /// <summary>Fills the form's 選考ステップ and checks a posted one is the company's (else a message, nothing saved).</summary>
    protected async Task StepsAsync(MeetingInput input, CancellationToken ct)
    {
        var companyId = current.Id;
        input.Steps = await db.SelectionSteps.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Order).ToListAsync(ct);
        if (input.StepId is { } step && input.Steps.All(s => s.Id != step))
            ModelState.AddModelError("Input.StepId", l["Validation.InvalidValue", l["SelectionFlow.Step"]]);
    }

    /// <summary>Marks the event's schedules whose meeting may change (future ones, and any holding a meeting) as due.</summary>
    protected async Task TouchSchedulesAsync(InterviewEvent ev, CancellationToken ct)
    {
        var now = NowUtc;
        var schedules = await db.Schedules.Where(s => s.EventId == ev.Id && s.CompanyId == ev.CompanyId && !s.Deleted && (s.StartUtc > now || s.Meeting.ZoomId != null)).ToListAsync(ct);
        foreach (var s in schedules) MeetingPlan.Touch(db, s, ev, now);
    }

    /// <summary>
    /// Saves with the 日程 of a ホストプール イベント each on a free host (planned again when another node took a host's time
    /// first) and wakes the meeting worker; false with one message per 日程 that gets no host, nothing saved.
    /// </summary>
    protected async Task<bool> SaveWithPoolHostsAsync(InterviewEvent ev, IReadOnlyList<Schedule> batch, int dailyLimit, Action? assigned, CancellationToken ct,
        IReadOnlyCollection<string>? members = null)
    {
        var refusals = await HostAssignment.SaveAsync(db, ev, batch, NowUtc, dailyLimit, assigned, ct, members: members);
        if (refusals is null)
        {
            signal.Poke();
            WarnUnhosted(ev, batch);
            return true;
        }
        AddRefusals(refusals, await clock.ZoneAsync(ct));
        return false;
    }

    /// <summary>
    /// ホストプール or 面接官 host mode: plans the hosts of <paramref name="batch"/> again (each keeps its host while that is
    /// still one of its pool's or 面接官's and free), makes those whose host changed (or that failed) due for the worker, and
    /// gives the booked applicants of a 日程 now on another Zoom user one mail with the new link; then saves. False with the
    /// refusals, nothing saved.
    /// </summary>
    protected async Task<bool> ReplanHostsAsync(InterviewEvent ev, IReadOnlyList<Schedule> batch, int dailyLimit,
        Saiyo.Web.Applicants.BookingNotices notices, CancellationToken ct)
    {
        var now = NowUtc;
        var before = batch.ToDictionary(s => s.Id, s => s.PoolHostExternalUserId);
        var refusals = await HostAssignment.AssignAsync(db, ev, batch, now, dailyLimit, ct);
        if (refusals.Count > 0)
        {
            AddRefusals(refusals, await clock.ZoneAsync(ct));
            return false;
        }
        var changed = batch.Where(s => before[s.Id] != s.PoolHostExternalUserId).ToList();
        foreach (var s in batch.Where(s => changed.Contains(s) || s.Meeting.State == MeetingState.Failed)) MeetingPlan.Touch(db, s, ev, now);
        // A meeting left without a host sends nothing yet: the mail with the new link comes when a 面接官's user hosts it again.
        await notices.RecordAsync(ev.CompanyId, [.. changed.Where(s => s.BookedCount > 0 && s.PoolHostExternalUserId is not null).Select(s => s.Id)],
            Saiyo.Web.Applicants.StaffChange.HostChanged, ct);
        return await SaveWithPoolHostsAsync(ev, batch, dailyLimit, null, ct);
    }

    /// <summary>面接官 host mode: saved 日程 that no 面接官's Zoom user can host are told at once (their rows say 発行失敗 and why).</summary>
    private void WarnUnhosted(InterviewEvent ev, IReadOnlyList<Schedule> batch)
    {
        var unhosted = batch.Count(s => MeetingPlan.LacksInterviewerHost(s, ev, NowUtc));
        if (unhosted > 0) TempData["Error"] = l["InterviewerHost.Unhosted", unhosted].Value;
    }

    /// <summary>Which 日程 get no host from the pool (or from their 面接官's Zoom users), and why (before anything is saved).</summary>
    protected void AddRefusals(IReadOnlyList<PoolRefusalRow> refusals, TimeZoneInfo zone)
    {
        const int maxLines = 20;
        var byInterviewer = refusals.Any(r => r.Reason is PoolRefusal.InterviewersBusy or PoolRefusal.InterviewersNoQuota);
        ModelState.AddModelError(string.Empty, l[byInterviewer ? "InterviewerHost.Refused" : "Pool.Refused", refusals.Count]);
        foreach (var r in refusals.Take(maxLines))
            ModelState.AddModelError(string.Empty, l["Pool.Refusal." + r.Reason, Schedules.ScheduleRules.FormatRange(r.StartUtc, r.EndUtc, zone), r.Who ?? ""]);
        if (refusals.Count > maxLines) ModelState.AddModelError(string.Empty, l["Pool.More", refusals.Count - maxLines]);
    }

    /// <summary>Saves and wakes this node's meeting worker.</summary>
    protected async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        signal.Poke();
    }
}
