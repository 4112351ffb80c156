using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;

namespace Saiyo.Web.Tenancy;

/// <summary>Converts Saiyo's UTC instants to the company's time zone, at the edges only (pages, mails).</summary>
public sealed class CompanyClock(CurrentCompany company, SaiyoDbContext db, TimeProvider time)
{
    private TimeZoneInfo? _zone;

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct = default)
    {
        if (_zone is not null) return _zone;
        var id = company.IdOrNull is { } cid
            ? await db.Companies.Where(c => c.Id == cid).Select(c => c.TimeZoneId).FirstOrDefaultAsync(ct)
            : null;
        _zone = TimeZones.FindOrTokyo(id);
        return _zone;
    }

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    /// <summary>Formats a UTC instant in the company zone, in the request's culture, with the zone's abbreviation.</summary>
    public async Task<string> FormatAsync(DateTime utc, CancellationToken ct = default)
    {
        var zone = await ZoneAsync(ct);
        return TimeZones.Format(utc, zone);
    }
}

public static class TimeZones
{
    public const string Default = "Asia/Tokyo";

    public static TimeZoneInfo FindOrTokyo(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(Default);

    public static bool IsValid(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>IANA ids offered in forms; the common ones for Japanese hiring teams first.</summary>
    public static IReadOnlyList<string> Offered { get; } =
        new[] { "Asia/Tokyo", "UTC", "Asia/Seoul", "Asia/Shanghai", "Asia/Singapore", "Asia/Kolkata", "Europe/London", "Europe/Paris", "America/New_York", "America/Chicago", "America/Los_Angeles", "Australia/Sydney" }
            .Where(IsValid).ToArray();

    public static string Format(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var culture = CultureInfo.CurrentUICulture;
        var pattern = culture.TwoLetterISOLanguageName == "ja" ? "yyyy/MM/dd (ddd) HH:mm" : "ddd, MMM d, yyyy HH:mm";
        return local.ToString(pattern, culture);
    }
}
