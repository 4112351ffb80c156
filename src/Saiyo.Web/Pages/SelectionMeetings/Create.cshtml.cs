using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>New 選考会; continues to its 日程設定 where events are added.</summary>
public sealed class CreateModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l)
    : SelectionPageModel(db, current, clock, signal, l)
{
    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await StepsAsync(Input, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await StepsAsync(Input, ct);
        if (!ModelState.IsValid) return Page();
        var meeting = new SelectionMeeting { CompanyId = Current.Id, Name = Input.Name.Trim(), Description = Input.Description?.Trim(), StepId = Input.StepId, CreatedAtUtc = NowUtc };
        Db.SelectionMeetings.Add(meeting);
        await SaveAsync(ct);
        TempData["Flash"] = L["SelectionMeetings.Created", meeting.Name].Value;
        return Redirect($"/SelectionMeetings/{meeting.Id}/Schedules");
    }
}
