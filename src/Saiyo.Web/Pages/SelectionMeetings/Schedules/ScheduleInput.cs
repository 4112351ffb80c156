using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Saiyo.Web.Pages.SelectionMeetings.Schedules;

/// <summary>What one 日程 and a series of them both set: capacity, venue, shown, and the warnings accepted.</summary>
public abstract class SlotInput
{
    [Range(1, ScheduleRules.MaxCapacity, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.Capacity")]
    public int Capacity { get; set; } = 1;

    /// <summary>「同時に開催する枠数」: this many 日程 at the same time (each with its own meeting and, in a ホストプール, host).</summary>
    [Range(1, ScheduleRules.MaxParallel, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.Parallel")]
    public int Parallel { get; set; } = 1;

    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Venue")]
    public string? Venue { get; set; }

    /// <summary>日程を表示する / 表示しない.</summary>
    public bool Shown { get; set; } = true;

    /// <summary>Save despite the warnings shown.</summary>
    public bool AcceptWarnings { get; set; }
}

/// <summary>One 日程: date, start and end in the company's time zone.</summary>
public sealed class ScheduleInput : SlotInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Date")]
    public string Date { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.StartTime")]
    public string StartTime { get; set; } = "10:00";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.EndTime")]
    public string EndTime { get; set; } = "10:30";
}

/// <summary>Many 日程 in one step: every <see cref="IntervalMinutes"/> from <see cref="FromTime"/> to <see cref="ToTime"/> on the chosen days.</summary>
public sealed class SeriesInput : SlotInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.DateFrom")]
    public string DateFrom { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.DateTo")]
    public string DateTo { get; set; } = "";

    [Display(Name = "Field.Days")]
    /// <summary>Empty unless posted (no day ticked is an error, not the defaults); the form starts with weekdays.</summary>
    public List<DayOfWeek> Days { get; set; } = [];

    public static readonly IReadOnlyList<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.FromTime")]
    public string FromTime { get; set; } = "10:00";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.ToTime")]
    public string ToTime { get; set; } = "17:00";

    [Range(5, 1440, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.IntervalMinutes")]
    public int IntervalMinutes { get; set; } = 30;

    [Range(5, 1440, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.LengthMinutes")]
    public int LengthMinutes { get; set; } = 30;
}

/// <summary>Parsing and the rules every 日程 obeys.</summary>
public static class ScheduleRules
{
    public const int MaxCapacity = 1000;
    public const int MaxSeriesSlots = 500;
    public const int MaxParallel = 50;
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(24);

    public static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>A clock time of the company zone as a UTC instant; false inside a DST gap.</summary>
    public static bool TryToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone, out DateTime utc)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        utc = default;
        if (zone.IsInvalidTime(local)) return false;
        utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return true;
    }

    public static (string Date, string Time) ToLocal(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return (local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>"2026/11/26 (木) 10:00–10:30" in the company zone.</summary>
    public static string FormatRange(DateTime startUtc, DateTime endUtc, TimeZoneInfo zone)
    {
        var end = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(endUtc, DateTimeKind.Utc), zone);
        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), zone);
        var endText = end.Date == start.Date ? end.ToString("HH:mm", CultureInfo.InvariantCulture) : Tenancy.TimeZones.Format(endUtc, zone);
        return Tenancy.TimeZones.Format(startUtc, zone) + "–" + endText;
    }
}
