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
            return true;
        }
        AddRefusals(refusals, await clock.ZoneAsync(ct));
        return false;
    }

    /// <summary>Which 日程 get no host from the pool, and why (before anything is saved).</summary>
    protected void AddRefusals(IReadOnlyList<PoolRefusalRow> refusals, TimeZoneInfo zone)
    {
        const int maxLines = 20;
        ModelState.AddModelError(string.Empty, l["Pool.Refused", refusals.Count]);
        foreach (var r in refusals.Take(maxLines))
            ModelState.AddModelError(string.Empty, l["Pool.Refusal." + r.Reason, Schedules.ScheduleRules.FormatRange(r.StartUtc, r.EndUtc, zone)]);
        if (refusals.Count > maxLines) ModelState.AddModelError(string.Empty, l["Pool.More", refusals.Count - maxLines]);
    }

    /// <summary>Saves and wakes this node's meeting worker.</summary>
    protected async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        signal.Poke();
    }
}
