using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings.Events;

/// <summary>
/// 予約動作設定 (「変更」 on an event; 「設定」 saves). A new host, provider or meeting option re-checks the event's
/// future schedules: the worker moves or updates their meetings.
/// </summary>
public sealed class EditModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, Saiyo.Web.Applicants.BookingNotices notices,
    Microsoft.Extensions.Options.IOptions<MeetingSyncOptions> meetings, Saiyo.Web.Interviews.InterviewerInvitations invitations)
    : EventPageModel(db, current, clock, signal, l)
{
    [BindProperty]
    public EventInput Input { get; set; } = new();

    public string? HostLabel { get; private set; }
    /// <summary>The booked applicants of coming 日程 a new host or a switch of 個人用参加URL reaches (confirmed before saving).</summary>
    public IReadOnlyList<BookingImpact.Row> Impact { get; private set; } = [];
    private InterviewEvent _event = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = ToInput(_event);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ValidateLinkage(Input, _event) || !ModelState.IsValid) return Page();
        if (_event.VideoProvider == VideoProvider.Zoom && Input.Provider != EventInput.Zoom)
        {
            // Booked applicants were promised a web interview: their meetings are not taken away by a setting.
            var now = NowUtc;
            if (await Db.Schedules.AnyAsync(s => s.EventId == _event.Id && s.CompanyId == _event.CompanyId && !s.Deleted && s.StartUtc > now && s.BookedCount > 0, ct))
            {
                ModelState.AddModelError("Input.Provider", L["Event.ProviderLockedByBookings"]);
                return Page();
            }
        }
        if (_event.VideoProvider == VideoProvider.Zoom && Input.Provider == EventInput.Zoom
            && (_event.HostExternalUserId != Input.HostExternalUserId || _event.HostMode != Input.HostMode || _event.PersonalJoinLinks != Input.PersonalJoinLinks))
        {
            var now = NowUtc;
            var booked = await Db.Schedules.Where(s => s.EventId == _event.Id && s.CompanyId == _event.CompanyId && !s.Deleted && s.StartUtc > now && s.BookedCount > 0)
                .Select(s => s.Id).ToListAsync(ct);
            Impact = await BookingImpact.OfSchedulesAsync(Db, Current.Id, booked, await Clock.ZoneAsync(ct), L["Impact.Mail.NewLink"].Value, ct);
            if (Impact.Count > 0 && !Input.ConfirmImpact)
            {
                ModelState.AddModelError("Input.ConfirmImpact", L["Impact.ConfirmRequired"]);
                return Page();
            }
        }
        var (host, personalLinks, wasPool) = (_event.HostExternalUserId, _event.PersonalJoinLinks, MeetingPlan.UsesPool(_event));
        var wasByInterviewer = ByInterviewer(_event);
        Apply(Input, _event);
        await ApplyPoolAsync(Input, _event, ct);
        var nowUtc = NowUtc;
        List<Schedule> batch = [];
        if (MeetingPlan.UsesPool(_event))
        {
            // Coming 日程 without a host of the (new) pool get one now: all of them, or nothing is saved.
            var members = Input.PoolHosts;
            // 面接官 hosts: every coming 日程 is planned again (each keeps its host while that is still one of its 面接官's).
            var byInterviewer = _event.HostMode == HostMode.Interviewer;
            batch = (await Db.Schedules.Where(s => s.EventId == _event.Id && s.CompanyId == _event.CompanyId && !s.Deleted && s.StartUtc > nowUtc).ToListAsync(ct))
                .Where(s => byInterviewer || !wasPool || s.PoolHostExternalUserId is null || !members.Contains(s.PoolHostExternalUserId)).ToList();
            var before = batch.ToDictionary(s => s.Id, s => s.PoolHostExternalUserId);
            var refusals = await HostAssignment.AssignAsync(Db, _event, batch, nowUtc, meetings.Value.DailyHostLimit, ct, members: members);
            if (refusals.Count > 0)
            {
                AddRefusals(refusals, await Clock.ZoneAsync(ct));
                return Page();
            }
            // Booked applicants of a 日程 moving to another host get one mail with the new link.
            if (wasPool)
            {
                await notices.RecordAsync(_event.CompanyId, [.. batch.Where(s => s.BookedCount > 0 && s.PoolHostExternalUserId is not null && before[s.Id] != s.PoolHostExternalUserId).Select(s => s.Id)],
                    Saiyo.Web.Applicants.StaffChange.HostChanged, ct);
            }
        }
        else if (wasPool)
        {
            var pooled = await Db.Schedules.Where(s => s.EventId == _event.Id && s.CompanyId == _event.CompanyId && s.PoolHostExternalUserId != null).ToListAsync(ct);
            await HostAssignment.ReleaseAsync(Db, [.. pooled.Select(s => s.Id)], ct);
            foreach (var s in pooled) s.PoolHostExternalUserId = null;
        }
        if (wasByInterviewer && !ByInterviewer(_event))
        {
            // Out of the 面接官 host mode, coming 日程 that took the hosting 面接官 as theirs go back to all the イベント's 面接官.
            foreach (var s in await Db.Schedules.Where(s => s.EventId == _event.Id && s.CompanyId == _event.CompanyId && s.StartUtc > nowUtc && s.HostInterviewerId != null).ToListAsync(ct))
                s.HostInterviewerId = null;
        }
        await TouchSchedulesAsync(_event, ct);
        await notices.EventChangedAsync(_event, host, personalLinks, ct); // booked applicants get one mail about the new link
        if (batch.Count > 0)
        {
            if (!await SaveWithPoolHostsAsync(_event, batch, meetings.Value.DailyHostLimit, null, ct, Input.PoolHosts)) return Page();
        }
        else
        {
            await SaveAsync(ct);
        }
        if (wasByInterviewer != ByInterviewer(_event))
        {
            // Who interviews on the coming 日程 changed with the mode: their 面接官's calendars follow.
            var coming = await Db.Schedules.Where(s => s.EventId == _event.Id && s.CompanyId == _event.CompanyId && !s.Deleted && s.StartUtc > nowUtc)
                .Select(s => s.Id).ToListAsync(ct);
            await invitations.BookingsChangedAsync(coming, ct);
        }
        TempData["Flash"] = L["Common.Saved"].Value;
        return Redirect($"/SelectionMeetings/{MeetingId}/Schedules");
    }

    private static bool ByInterviewer(InterviewEvent e) => MeetingPlan.UsesPool(e) && e.HostMode == HostMode.Interviewer;

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await Db.Schedules.AnyAsync(s => s.EventId == id, ct))
        {
            TempData["Error"] = L["Event.HasSchedules"].Value;
            return Redirect($"/SelectionMeetings/Events/{id}");
        }
        Db.InterviewEvents.Remove(_event);
        await SaveAsync(ct);
        TempData["Flash"] = L["Event.Deleted", _event.Name].Value;
        return Redirect($"/SelectionMeetings/{MeetingId}/Schedules");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var ev = await FindEventAsync(id, ct);
        if (ev is null) return false;
        _event = ev;
        var meeting = await FindMeetingAsync(ev.SelectionMeetingId, ct);
        if (meeting is null) return false;
        MeetingId = meeting.Id;
        MeetingName = meeting.Name;
        HostLabel = ev.HostDisplayName;
        await LoadLinkageAsync(ct);
        PoolBefore = await Db.EventPoolHosts.AsNoTracking().Where(p => p.EventId == ev.Id && p.CompanyId == ev.CompanyId).ToListAsync(ct);
        return true;
    }
}
