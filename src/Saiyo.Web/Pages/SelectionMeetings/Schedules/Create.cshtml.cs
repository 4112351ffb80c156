using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings.Schedules;

/// <summary>
/// 新規日程作成: one 日程, or 「同時に開催する枠数」 of them at the same time; shown on a Zoom event, each gets its meeting
/// from the worker, on its own host from the ホストプール when the event has one.
/// </summary>
public sealed class CreateModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, IOptions<MeetingSyncOptions> meetings)
    : SchedulePageModel(db, current, clock, signal, l, meetings)
{
    [BindProperty]
    public ScheduleInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid eventId, CancellationToken ct)
    {
        if (!await LoadEventAsync(eventId, ct)) return NotFound();
        var (tomorrow, _) = ScheduleRules.ToLocal(NowUtc.AddDays(1), Zone);
        Input = new ScheduleInput { Date = tomorrow, Capacity = Event.DefaultCapacity };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid eventId, CancellationToken ct)
    {
        if (!await LoadEventAsync(eventId, ct)) return NotFound();
        var slot = ValidateSlot(Input, "Input.", startMayBePast: false);
        if (!ModelState.IsValid || slot is not { } s) return Page();
        if (Input.Shown) await AddWarningsAsync([s], null, ct);
        if (Warnings.Count > 0 && !Input.AcceptWarnings) return Page();

        var batch = Enumerable.Range(0, Input.Parallel).Select(_ => new Schedule
        {
            CompanyId = Current.Id, EventId = Event.Id, StartUtc = s.Start, EndUtc = s.End, Capacity = Input.Capacity,
            Venue = string.IsNullOrWhiteSpace(Input.Venue) ? null : Input.Venue.Trim(), Shown = Input.Shown, CreatedAtUtc = NowUtc,
        }).ToList();
        Db.Schedules.AddRange(batch);
        void Touch() { foreach (var schedule in batch) MeetingPlan.Touch(Db, schedule, Event, NowUtc); }
        if (MeetingPlan.UsesPool(Event))
        {
            // Each gets its host before Touch decides whether a meeting is wanted.
            if (!await SaveWithPoolHostsAsync(Event, batch, DailyHostLimit, Touch, ct)) return Page();
        }
        else
        {
            Touch();
            await SaveAsync(ct);
        }
        TempData["Flash"] = Input.Parallel > 1
            ? L["Schedule.CreatedParallel", ScheduleRules.FormatRange(s.Start, s.End, Zone), Input.Parallel].Value
            : L["Schedule.Created", ScheduleRules.FormatRange(s.Start, s.End, Zone)].Value;
        return Redirect(SettingsUrl);
    }
}
