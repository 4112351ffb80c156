using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Interviews;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Pages.SelectionMeetings.Schedules;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>
/// 面接官 of an イベント (the default for its 日程) or of one 日程 (replaces the イベント's for it; none selected
/// means the イベント's again). Assigned interviewers whose calendar changes get their mail.
/// </summary>
public sealed class InterviewersModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l,
    InterviewerInvitations invitations, Saiyo.Web.Applicants.BookingNotices notices, Microsoft.Extensions.Options.IOptions<MeetingSyncOptions> meetings)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public bool ForSchedule { get; private set; }
    public string Title { get; private set; } = "";
    public Guid MeetingId { get; private set; }
    public IReadOnlyList<(Guid Id, string Name, string Email)> Candidates { get; private set; } = [];
    public HashSet<Guid> Selected { get; private set; } = [];
    /// <summary>For a 日程 without its own: the イベント's 面接官 it uses.</summary>
    public IReadOnlyList<string> Inherited { get; private set; } = [];
    /// <summary>For a 日程 without its own in the 面接官 host mode: the one of them whose Zoom user hosts it (its only interviewer).</summary>
    public string? InheritedHost { get; private set; }
    /// <summary>The イベント's meetings are hosted by its 面接官's Zoom users: the page says who hosts.</summary>
    public bool InterviewerHosts { get; private set; }

    private InterviewEvent _event = null!;
    private Schedule? _schedule;

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, CancellationToken ct) =>
        await LoadAsync(kind, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string kind, Guid id, Guid[] interviewers, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        var wanted = interviewers.Distinct().ToHashSet();
        if (!wanted.IsSubsetOf(Candidates.Select(c => c.Id)))
        {
            ModelState.AddModelError("", L["Validation.InvalidValue"]);
            return Page();
        }
        var companyId = Current.Id;
        if (_schedule is { } s)
        {
            Db.ScheduleInterviewers.RemoveRange(await Db.ScheduleInterviewers.Where(x => x.ScheduleId == s.Id).ToListAsync(ct));
            Db.ScheduleInterviewers.AddRange(wanted.Select(u => new ScheduleInterviewer { CompanyId = companyId, ScheduleId = s.Id, StaffUserId = u }));
        }
        else
        {
            Db.EventInterviewers.RemoveRange(await Db.EventInterviewers.Where(x => x.EventId == _event.Id).ToListAsync(ct));
            Db.EventInterviewers.AddRange(wanted.Select(u => new EventInterviewer { CompanyId = companyId, EventId = _event.Id, StaffUserId = u }));
        }
        if (_event.VideoProvider == Saiyo.Data.Integrations.VideoProvider.Zoom && _event.HostMode == HostMode.Interviewer)
        {
            if (!await MoveMeetingsAsync(ct)) return Page();
        }
        else await Db.SaveChangesAsync(ct);
        // Interviewers added to or taken off booked 日程 get their calendar entry (or its cancellation).
        var affected = _schedule is { } one ? [one.Id]
            : await Db.Schedules.Where(x => x.EventId == _event.Id && x.CompanyId == companyId && !x.Deleted && x.StartUtc > NowUtc).Select(x => x.Id).ToListAsync(ct);
        await invitations.BookingsChangedAsync(affected, ct);
        TempData["Flash"] = L["Common.Saved"].Value;
        return Redirect($"/SelectionMeetings/{MeetingId}/Schedules");
    }

    /// <summary>
    /// 面接官 host mode: the coming 日程 these 面接官 interview on get their host again from the new 面接官 (kept while it is
    /// still one of theirs); a moved meeting gives its booked applicants one mail with the new link. Refused with the 日程
    /// and why when the new 面接官's Zoom users are busy then; nothing is saved.
    /// </summary>
    private async Task<bool> MoveMeetingsAsync(CancellationToken ct)
    {
        var now = NowUtc;
        var companyId = Current.Id;
        List<Schedule> batch = _schedule is { } one
            ? one.StartUtc > now ? [one] : []
            : await Db.Schedules.Where(x => x.EventId == _event.Id && x.CompanyId == companyId && !x.Deleted && x.StartUtc > now
                && !Db.ScheduleInterviewers.Any(i => i.ScheduleId == x.Id)).ToListAsync(ct);
        return await ReplanHostsAsync(_event, batch, meetings.Value.DailyHostLimit, notices, ct);
    }

    private async Task<bool> LoadAsync(string kind, Guid id, CancellationToken ct)
    {
        ForSchedule = kind == "Schedules";
        if (ForSchedule)
        {
            _schedule = await FindScheduleAsync(id, ct);
            if (_schedule is null) return false;
        }
        var ev = await FindEventAsync(_schedule?.EventId ?? id, ct);
        if (ev is null) return false;
        _event = ev;
        MeetingId = ev.SelectionMeetingId;
        InterviewerHosts = MeetingPlan.UsesPool(ev) && ev.HostMode == HostMode.Interviewer;
        var companyId = Current.Id;
        Candidates = await InterviewerAssignments.CandidatesAsync(Db, companyId, ct);
        var names = Candidates.ToDictionary(c => c.Id, c => c.Name);
        var ofEvent = await Db.EventInterviewers.Where(x => x.EventId == ev.Id).Select(x => x.StaffUserId).ToListAsync(ct);
        if (_schedule is { } s)
        {
            var zone = await Clock.ZoneAsync(ct);
            Title = $"{ev.Name} {ScheduleRules.FormatRange(s.StartUtc, s.EndUtc, zone)}";
            Selected = (await Db.ScheduleInterviewers.Where(x => x.ScheduleId == s.Id).Select(x => x.StaffUserId).ToListAsync(ct)).ToHashSet();
            Inherited = ofEvent.Where(names.ContainsKey).Select(u => names[u]).ToList();
            InheritedHost = s.HostInterviewerId is { } host ? names.GetValueOrDefault(host) : null;
        }
        else
        {
            Title = ev.Name;
            Selected = ofEvent.ToHashSet();
        }
        return true;
    }
}
