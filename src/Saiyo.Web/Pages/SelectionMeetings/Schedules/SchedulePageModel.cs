using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings.Schedules;

/// <summary>Shared by 新規日程作成, the series form and 日程 edit: the event, its 選考会, the zone, validation, warnings.</summary>
public abstract class SchedulePageModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, IOptions<MeetingSyncOptions> meetings)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public InterviewEvent Event { get; private set; } = null!;
    public string MeetingName { get; private set; } = "";
    public Guid MeetingId { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public List<string> Warnings { get; } = [];

    protected async Task<bool> LoadEventAsync(Guid eventId, CancellationToken ct)
    {
        var ev = await FindEventAsync(eventId, ct);
        if (ev is null) return false;
        Event = ev;
        MeetingId = ev.SelectionMeetingId;
        MeetingName = await Db.SelectionMeetings.Where(m => m.Id == ev.SelectionMeetingId && m.CompanyId == ev.CompanyId).Select(m => m.Name).FirstAsync(ct);
        Zone = await Clock.ZoneAsync(ct);
        return true;
    }

    protected string SettingsUrl => $"/SelectionMeetings/{MeetingId}/Schedules";

    /// <summary>Checks one slot; adds messages under <paramref name="prefix"/>. Null when invalid.</summary>
    protected (DateTime Start, DateTime End)? ValidateSlot(ScheduleInput input, string prefix, bool startMayBePast)
    {
        var ok = true;
        if (!ScheduleRules.TryDate(input.Date, out var date)) { ModelState.AddModelError(prefix + "Date", L["Validation.Invalid", input.Date]); ok = false; }
        if (!ScheduleRules.TryTime(input.StartTime, out var startTime)) { ModelState.AddModelError(prefix + "StartTime", L["Validation.Invalid", input.StartTime]); ok = false; }
        if (!ScheduleRules.TryTime(input.EndTime, out var endTime)) { ModelState.AddModelError(prefix + "EndTime", L["Validation.Invalid", input.EndTime]); ok = false; }
        if (!ok) return null;
        if (!ScheduleRules.TryToUtc(date, startTime, Zone, out var start)) { ModelState.AddModelError(prefix + "StartTime", L["Schedule.NoSuchLocalTime"]); return null; }
        if (!ScheduleRules.TryToUtc(date, endTime, Zone, out var end)) { ModelState.AddModelError(prefix + "EndTime", L["Schedule.NoSuchLocalTime"]); return null; }
        if (end <= start) { ModelState.AddModelError(prefix + "EndTime", L["Schedule.EndBeforeStart"]); return null; }
        if (end - start > ScheduleRules.MaxLength) { ModelState.AddModelError(prefix + "EndTime", L["Schedule.TooLong"]); return null; }
        if (!startMayBePast && start <= NowUtc) { ModelState.AddModelError(prefix + "Date", L["Schedule.StartInPast"]); return null; }
        return (start, end);
    }

    protected int DailyHostLimit => meetings.Value.DailyHostLimit;

    protected async Task AddWarningsAsync(IReadOnlyList<(DateTime Start, DateTime End)> shownSlots, Guid? exclude, CancellationToken ct) =>
        Warnings.AddRange(await ScheduleWarnings.ComputeAsync(Db, L, Event, shownSlots, exclude, Zone, NowUtc, meetings.Value.DailyHostLimit, ct));
}
