using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Meetings;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>
/// 週表示: one week (Monday to Sunday, in the company's time zone) of 日程 as days × hours, each with 予約数/定員 and its
/// meeting state. Shared by a 選考会's week and the company-wide week of all 選考会.
/// </summary>
public sealed class WeekGrid
{
    public sealed record Slot(
        Guid Id, Guid MeetingId, string MeetingName, string EventName, DateTime Start, DateTime End, int Booked, int Capacity, bool Shown,
        MeetingState? Meeting);

    /// <summary>The Monday of the week shown (company-local date).</summary>
    public DateOnly Monday { get; private init; }
    public IReadOnlyList<DateOnly> Days => Enumerable.Range(0, 7).Select(Monday.AddDays).ToList();
    /// <summary>Working hours, widened to every hour a 日程 of the week starts in.</summary>
    public IReadOnlyList<int> Hours { get; private init; } = [];
    public IReadOnlyList<Slot> Slots { get; private init; } = [];
    public DateOnly Today { get; private init; }
    /// <summary>The page the previous/next links lead to (with ?week=).</summary>
    public string BaseUrl { get; set; } = "";
    /// <summary>The company-wide week names each 日程's 選考会.</summary>
    public bool AllMeetings { get; set; }

    public IEnumerable<Slot> At(DateOnly day, int hour) =>
        Slots.Where(s => DateOnly.FromDateTime(s.Start) == day && s.Start.Hour == hour);

    public static string WeekParameter(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <param name="week">Any date of the wanted week (yyyy-MM-dd); this week when absent or unreadable.</param>
    public static async Task<WeekGrid> LoadAsync(SaiyoDbContext db, Guid companyId, Guid? meetingId, string? week, TimeZoneInfo zone, DateTime nowUtc, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        var day = DateOnly.TryParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) ? asked : today;
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(monday.ToDateTime(TimeOnly.MinValue), zone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(monday.AddDays(7).ToDateTime(TimeOnly.MinValue), zone);

        var rows = await (
                from s in db.Schedules.AsNoTracking()
                join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
                join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
                where s.CompanyId == companyId && !s.Deleted && s.StartUtc >= fromUtc && s.StartUtc < toUtc
                      && (meetingId == null || m.Id == meetingId)
                orderby s.StartUtc, m.Name, e.Name
                select new { Schedule = s, Meeting = m.Name, MeetingId = m.Id, Event = e.Name, e.VideoProvider })
            .ToListAsync(ct);
        var slots = rows.Select(r => new Slot(
            r.Schedule.Id, r.MeetingId, r.Meeting, r.Event,
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(r.Schedule.StartUtc, DateTimeKind.Utc), zone),
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(r.Schedule.EndUtc, DateTimeKind.Utc), zone),
            r.Schedule.BookedCount, r.Schedule.Capacity, r.Schedule.Shown,
            r.VideoProvider == VideoProvider.Zoom ? MeetingPlan.Display(r.Schedule) : null)).ToList();
        var first = Math.Min(9, slots.Count == 0 ? 9 : slots.Min(s => s.Start.Hour));
        var last = Math.Max(18, slots.Count == 0 ? 18 : slots.Max(s => s.Start.Hour));
        return new WeekGrid { Monday = monday, Today = today, Slots = slots, Hours = Enumerable.Range(first, last - first + 1).ToList() };
    }
}
