using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings.Events;

/// <summary>New イベント under a 選考会, with its 予約動作設定.</summary>
public sealed class CreateModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l)
    : EventPageModel(db, current, clock, signal, l)
{
    [BindProperty]
    public EventInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid meetingId, CancellationToken ct)
    {
        if (!await LoadAsync(meetingId, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid meetingId, CancellationToken ct)
    {
        if (!await LoadAsync(meetingId, ct)) return NotFound();
        if (!ValidateLinkage(Input, null) || !ModelState.IsValid) return Page();
        var ev = new InterviewEvent { CompanyId = Current.Id, SelectionMeetingId = meetingId, Name = Input.Name.Trim(), CreatedAtUtc = NowUtc };
        Apply(Input, ev);
        Db.InterviewEvents.Add(ev);
        await ApplyPoolAsync(Input, ev, ct);
        await SaveAsync(ct);
        TempData["Flash"] = L["Event.Created", ev.Name].Value;
        return Redirect($"/SelectionMeetings/{meetingId}/Schedules");
    }

    private async Task<bool> LoadAsync(Guid meetingId, CancellationToken ct)
    {
        var meeting = await FindMeetingAsync(meetingId, ct);
        if (meeting is null) return false;
        MeetingId = meeting.Id;
        MeetingName = meeting.Name;
        await LoadLinkageAsync(ct);
        return true;
    }
}
