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
/// A series of 日程 in one step (e.g. every 30 minutes from 10:00 to 17:00 on weekdays): 「プレビュー」 lists the
/// slots and the warnings; 「作成」 creates them all in one transaction, or none when anything is invalid.
/// </summary>
public sealed class SeriesModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, IOptions<MeetingSyncOptions> meetings)
    : SchedulePageModel(db, current, clock, signal, l, meetings)
{
    [BindProperty]
    public SeriesInput Input { get; set; } = new();

    public IReadOnlyList<string>? Preview { get; private set; }

    /// <summary>How many 日程 the series makes: its times × 「同時に開催する枠数」.</summary>
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid eventId, CancellationToken ct)
    {
        if (!await LoadEventAsync(eventId, ct)) return NotFound();
        var (tomorrow, _) = ScheduleRules.ToLocal(NowUtc.AddDays(1), Zone);
        var (week, _) = ScheduleRules.ToLocal(NowUtc.AddDays(7), Zone);
        Input = new SeriesInput { DateFrom = tomorrow, DateTo = week, Capacity = Event.DefaultCapacity, Days = [.. SeriesInput.Weekdays] };
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid eventId, CancellationToken ct)
    {
        if (!await LoadEventAsync(eventId, ct)) return NotFound();
        var slots = Slots();
        if (slots is null) return Page();
        ShowPreview(slots);
        if (Input.Shown) await AddWarningsAsync(slots, null, ct);
        if (MeetingPlan.UsesPool(Event))
        {
            var refusals = await HostAssignment.AssignAsync(Db, Event, Build(slots), NowUtc, DailyHostLimit, ct, apply: false);
            if (refusals.Count > 0) AddRefusals(refusals, Zone);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid eventId, CancellationToken ct)
    {
        if (!await LoadEventAsync(eventId, ct)) return NotFound();
        var slots = Slots();
        if (slots is null) return Page();
        if (Input.Shown) await AddWarningsAsync(slots, null, ct);
        if (Warnings.Count > 0 && !Input.AcceptWarnings)
        {
            ShowPreview(slots);
            return Page();
        }
        var now = NowUtc;
        var batch = Build(slots);
        Db.Schedules.AddRange(batch);
        void Touch() { foreach (var schedule in batch) MeetingPlan.Touch(Db, schedule, Event, now); }
        if (MeetingPlan.UsesPool(Event))
        {
            // All or none: one 日程 without a free host keeps the whole series unsaved, and the page says which and why.
            if (!await SaveWithPoolHostsAsync(Event, batch, DailyHostLimit, Touch, ct))
            {
                ShowPreview(slots);
                return Page();
            }
        }
        else
        {
            Touch();
            await SaveAsync(ct);
        }
        TempData["Flash"] = L["Schedule.SeriesCreated", batch.Count].Value;
        return Redirect(SettingsUrl);
    }

    private void ShowPreview(List<(DateTime Start, DateTime End)> slots)
    {
        var times = Input.Parallel > 1 ? L["Schedule.ParallelTimes", Input.Parallel].Value : "";
        Preview = slots.Select(s => ScheduleRules.FormatRange(s.Start, s.End, Zone) + times).ToList();
        Total = slots.Count * Input.Parallel;
    }

    /// <summary>The 日程 of the series: 「同時に開催する枠数」 of them at each time.</summary>
    private List<Schedule> Build(List<(DateTime Start, DateTime End)> slots) =>
        slots.SelectMany(slot => Enumerable.Range(0, Input.Parallel).Select(_ => new Schedule
        {
            CompanyId = Current.Id, EventId = Event.Id, StartUtc = slot.Start, EndUtc = slot.End, Capacity = Input.Capacity,
            Venue = string.IsNullOrWhiteSpace(Input.Venue) ? null : Input.Venue.Trim(), Shown = Input.Shown, CreatedAtUtc = NowUtc,
        })).ToList();

    /// <summary>The slots of the series, or null with messages.</summary>
    private List<(DateTime Start, DateTime End)>? Slots()
    {
        if (!ModelState.IsValid) return null;
        var ok = true;
        if (!ScheduleRules.TryDate(Input.DateFrom, out var from)) { ModelState.AddModelError("Input.DateFrom", L["Validation.Invalid", Input.DateFrom]); ok = false; }
        if (!ScheduleRules.TryDate(Input.DateTo, out var to)) { ModelState.AddModelError("Input.DateTo", L["Validation.Invalid", Input.DateTo]); ok = false; }
        if (!ScheduleRules.TryTime(Input.FromTime, out var fromTime)) { ModelState.AddModelError("Input.FromTime", L["Validation.Invalid", Input.FromTime]); ok = false; }
        if (!ScheduleRules.TryTime(Input.ToTime, out var toTime)) { ModelState.AddModelError("Input.ToTime", L["Validation.Invalid", Input.ToTime]); ok = false; }
        if (!ok) return null;
        if (to < from) { ModelState.AddModelError("Input.DateTo", L["Schedule.DateToBeforeFrom"]); return null; }
        if (to.DayNumber - from.DayNumber > 366) { ModelState.AddModelError("Input.DateTo", L["Schedule.RangeTooLong"]); return null; }
        if (toTime <= fromTime) { ModelState.AddModelError("Input.ToTime", L["Schedule.EndBeforeStart"]); return null; }
        if (Input.Days.Count == 0) { ModelState.AddModelError("Input.Days", L["Schedule.NoDays"]); return null; }

        var slots = new List<(DateTime, DateTime)>();
        var length = TimeSpan.FromMinutes(Input.LengthMinutes);
        var step = TimeSpan.FromMinutes(Input.IntervalMinutes);
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (!Input.Days.Contains(date.DayOfWeek)) continue;
            for (var t = fromTime.ToTimeSpan(); t + length <= toTime.ToTimeSpan(); t += step)
            {
                var slotStart = date.ToDateTime(TimeOnly.FromTimeSpan(t));
                if (Zone.IsInvalidTime(slotStart)) continue; // a DST gap: that clock time does not exist
                var startUtc = TimeZoneInfo.ConvertTimeToUtc(slotStart, Zone);
                var endUtc = startUtc + length;
                if (startUtc <= NowUtc)
                {
                    ModelState.AddModelError("Input.DateFrom", L["Schedule.SeriesStartsInPast", ScheduleRules.FormatRange(startUtc, endUtc, Zone)]);
                    return null;
                }
                slots.Add((startUtc, endUtc));
                if (slots.Count * Input.Parallel > ScheduleRules.MaxSeriesSlots)
                {
                    ModelState.AddModelError(string.Empty, L["Schedule.TooManySlots", ScheduleRules.MaxSeriesSlots]);
                    return null;
                }
            }
        }
        if (slots.Count == 0) { ModelState.AddModelError(string.Empty, L["Schedule.NoSlots"]); return null; }
        return slots;
    }
}
