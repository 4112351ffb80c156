using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>Rename or delete a 選考会. A new name retitles its future meetings; only an empty 選考会 can be deleted.</summary>
public sealed class EditModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l)
    : SelectionPageModel(db, current, clock, signal, l)
{
    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var meeting = await FindMeetingAsync(id, ct);
        if (meeting is null) return NotFound();
        Id = id;
        Input = new MeetingInput { Name = meeting.Name, Description = meeting.Description, StepId = meeting.StepId };
        await StepsAsync(Input, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var meeting = await FindMeetingAsync(id, ct);
        if (meeting is null) return NotFound();
        Id = id;
        await StepsAsync(Input, ct);
        if (!ModelState.IsValid) return Page();
        meeting.StepId = Input.StepId;
        var renamed = meeting.Name != Input.Name.Trim();
        meeting.Name = Input.Name.Trim();
        meeting.Description = Input.Description?.Trim();
        if (renamed)
        {
            foreach (var ev in await Db.InterviewEvents.Where(e => e.SelectionMeetingId == id && e.CompanyId == meeting.CompanyId).ToListAsync(ct))
                await TouchSchedulesAsync(ev, ct); // the meetings' topics carry the name
        }
        await SaveAsync(ct);
        TempData["Flash"] = L["Common.Saved"].Value;
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var meeting = await FindMeetingAsync(id, ct);
        if (meeting is null) return NotFound();
        if (await Db.InterviewEvents.AnyAsync(e => e.SelectionMeetingId == id, ct))
        {
            TempData["Error"] = L["SelectionMeetings.HasEvents"].Value;
            return Redirect($"/SelectionMeetings/{id}");
        }
        Db.SelectionMeetings.Remove(meeting);
        await SaveAsync(ct);
        TempData["Flash"] = L["SelectionMeetings.Deleted", meeting.Name].Value;
        return RedirectToPage("Index");
    }
}
