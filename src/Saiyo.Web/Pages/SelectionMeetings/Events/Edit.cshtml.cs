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
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, Saiyo.Web.Applicants.BookingNotices notices)
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
            && (_event.HostExternalUserId != Input.HostExternalUserId || _event.PersonalJoinLinks != Input.PersonalJoinLinks))
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
        var (host, personalLinks) = (_event.HostExternalUserId, _event.PersonalJoinLinks);
        Apply(Input, _event);
        await TouchSchedulesAsync(_event, ct);
        await notices.EventChangedAsync(_event, host, personalLinks, ct); // booked applicants get one mail about the new link
        await SaveAsync(ct);
        TempData["Flash"] = L["Common.Saved"].Value;
        return Redirect($"/SelectionMeetings/{MeetingId}/Schedules");
    }

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
        return true;
    }
}
