using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Mvc;

namespace Saiyo.Web.Applicants;

/// <summary>
/// CSV downloads for staff (応募者 with their 選考会 and 予約, a 日程's 予約): UTF-8 with BOM, or Shift_JIS for Excel in
/// Japan. A cell beginning with = + - @ tab or CR gets a leading apostrophe, so a spreadsheet shows it as text and
/// never runs it as a formula (CsvHelper's injection escaping).
/// </summary>
public static class CsvExport
{
    public const string Utf8 = "utf-8";
    public const string ShiftJis = "shift_jis";
    public static readonly IReadOnlyList<string> Encodings = [Utf8, ShiftJis];

    static CsvExport() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding asked for, or null for anything else (the page answers 400 with a message).</summary>
    public static Encoding? EncodingFor(string? name) => name switch
    {
        null or "" or Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        // A character Shift_JIS lacks (e.g. an emoji) becomes "?" rather than failing the whole download.
        ShiftJis => Encoding.GetEncoding("shift_jis"),
        _ => null,
    };

    public static FileContentResult File(string fileName, Encoding encoding, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, encoding))
        using (var csv = new CsvWriter(writer, Configuration))
        {
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(cell ?? "");
                csv.NextRecord();
            }
        }
        var type = encoding.CodePage == 932 ? "text/csv; charset=shift_jis" : "text/csv; charset=utf-8";
        return new FileContentResult(buffer.ToArray(), type) { FileDownloadName = fileName };
    }

    /// <summary>A UTC instant as the company reads it, e.g. 2026/12/07 14:00 (sortable, one format for both languages).</summary>
    public static string Time(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>For file names: 20261207-1400 in the company's zone.</summary>
    public static string FileStamp(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        // Excel on Windows expects CRLF.
        NewLine = "\r\n",
    };
}
