using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Localization;
using Saiyo.Web.Localization;

namespace Saiyo.Web.Applicants;

/// <summary>
/// A 日程 as applicants read it, in the current UI culture and the company's zone:
/// 「2026年12月7日（月）14:00〜14:45（日本時間）」 / "Mon, 7 Dec 2026, 14:00–14:45 (Japan time)".
/// Staff pages keep the compact <see cref="Tenancy.TimeZones.Format"/>.
/// </summary>
public static class ApplicantTimes
{
    private static bool Japanese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja";

    /// <summary>Date and start time: 「2026年12月7日（月）14:00」 / "Mon, 7 Dec 2026, 14:00".</summary>
    public static string Start(DateTime utc, TimeZoneInfo zone) => DateAndTime(Local(utc, zone));

    /// <summary>The end time alone (「14:45」), or with its date when the 日程 ends on another day.</summary>
    public static string End(DateTime startUtc, DateTime endUtc, TimeZoneInfo zone)
    {
        var start = Local(startUtc, zone);
        var end = Local(endUtc, zone);
        return end.Date == start.Date ? end.ToString("HH:mm", CultureInfo.InvariantCulture) : DateAndTime(end);
    }

    /// <summary>Start to end without the zone, for pages that name the zone once: 「2026年12月7日（月）14:00〜14:45」.</summary>
    public static string Slot(DateTime startUtc, DateTime endUtc, TimeZoneInfo zone)
    {
        // Formatted in place, one string per 日程 (a マイページ shows a hundred): no start, end and joined strings, each
        // instant converted once. The same text as Start + 〜/– + End.
        var (start, end, japanese) = (Local(startUtc, zone), Local(endUtc, zone), Japanese);
        var text = new DefaultInterpolatedStringHandler(1, 2, CultureInfo.CurrentUICulture, stackalloc char[64]);
        text.AppendFormatted(start, japanese ? JapaneseDateAndTime : EnglishDateAndTime);
        text.AppendLiteral(japanese ? "〜" : "–");
        if (end.Date == start.Date)
        {
            Span<char> time = stackalloc char[8];
            end.TryFormat(time, out var written, "HH:mm", CultureInfo.InvariantCulture);
            text.AppendFormatted(time[..written]);
        }
        else
            text.AppendFormatted(end, japanese ? JapaneseDateAndTime : EnglishDateAndTime);
        return text.ToStringAndClear();
    }

    /// <summary>The whole range with the zone named as people say it: 「…14:00〜14:45（日本時間）」.</summary>
    public static string Range(DateTime startUtc, DateTime endUtc, TimeZoneInfo zone, IStringLocalizer l)
    {
        var (start, end, name) = (Start(startUtc, zone), End(startUtc, endUtc, zone), ZoneName(zone, l));
        return Japanese ? $"{start}〜{end}（{name}）" : $"{start}–{end} ({name})";
    }

    /// <summary>「日本時間」 / "Japan time" for the offered zones (resources <c>TimeZoneName.{id}</c>), else the IANA id.</summary>
    public static string ZoneName(TimeZoneInfo zone, IStringLocalizer l)
    {
        var name = l["TimeZoneName." + zone.Id];
        return name.ResourceNotFound ? zone.Id : name.Value;
    }

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    private const string JapaneseDateAndTime = "yyyy年M月d日（ddd）HH:mm", EnglishDateAndTime = "ddd, d MMM yyyy, HH:mm";

    private static string DateAndTime(DateTime local) =>
        local.ToString(Japanese ? JapaneseDateAndTime : EnglishDateAndTime, CultureInfo.CurrentUICulture);
}

/// <summary>The company's signature under every applicant mail (設定 → メール署名): sender name and contact.</summary>
public static class MailSignature
{
    /// <summary>The signature block in the current UI culture; the sender defaults to the company's hiring team.</summary>
    public static string For(string company, string? senderName, string? contact, IStringLocalizer<SharedResource> l)
    {
        var sender = string.IsNullOrWhiteSpace(senderName) ? l["MailSignature.DefaultSender"].Value : senderName.Trim();
        var lines = new List<string> { "--", l["MailSignature.Company", company].Value, sender };
        if (!string.IsNullOrWhiteSpace(contact)) lines.Add(l["MailSignature.Contact", contact.Trim()].Value);
        return string.Join("\n", lines);
    }
}
