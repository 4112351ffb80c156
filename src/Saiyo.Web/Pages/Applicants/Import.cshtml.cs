using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>
/// CSV取り込み: one applicant per row (UTF-8 or Shift_JIS, read with CsvHelper), header 氏名/name, ふりがな/kana, メール/email,
/// 電話/phone, 学校名・勤務先/organization, 言語/language, メモ/notes. Every row is checked first; one bad row imports nothing.
/// A row whose e-mail is already registered is named with a link to that 応募者, and the file is taken only once staff
/// choose for the whole file: skip those rows or update those applicants.
/// </summary>
[UploadLimit(MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportModel(SaiyoDbContext db, CurrentCompany current, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxRows = 5000;
    /// <summary>5,000 rows of a few hundred bytes fit easily; anything larger answers 413 with a page.</summary>
    public const int MaxUploadBytes = 10 * 1024 * 1024;
    public const string Skip = "skip";
    public const string Update = "update";

    static ImportModel() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public sealed record RowError(int Line, string Message);
    public sealed record ExistingRow(int Line, string Email, Guid ApplicantId, string Name);

    [BindProperty(Name = "File")] public IFormFile? Upload { get; set; }
    [BindProperty(Name = "Encoding")] public string TextEncoding { get; set; } = "utf-8";
    [BindProperty] public Guid? InviteTo { get; set; }
    /// <summary>What to do with rows whose e-mail is already registered: <see cref="Skip"/> or <see cref="Update"/>; empty until chosen.</summary>
    [BindProperty] public string? Existing { get; set; }

    public IReadOnlyList<SelectionMeeting> Meetings { get; private set; } = [];
    public List<RowError> RowErrors { get; } = [];
    public List<ExistingRow> ExistingRows { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var companyId = current.Id;
        if (InviteTo is { } m && Meetings.All(x => x.Id != m)) return NotFound();
        if (Existing is not (null or "" or Skip or Update))
        {
            ModelState.AddModelError("Existing", l["Validation.InvalidValue"]);
            return Page();
        }
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("File", l["Import.NoFile"]);
            return Page();
        }
        var (header, rows, fileError) = await ReadAsync(Upload, ct);
        if (fileError is not null)
        {
            ModelState.AddModelError("File", fileError);
            return Page();
        }

        var existing = (await db.Applicants.Where(a => a.CompanyId == companyId).Select(a => new { a.Id, a.Email, a.Name }).ToListAsync(ct))
            .GroupBy(a => a.Email.Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        var seen = new HashSet<string>();
        var now = time.GetUtcNow().UtcDateTime;
        var fresh = new List<Applicant>();
        var updates = new List<(Guid Id, ApplicantInput Input)>();
        foreach (var (line, cells) in rows)
        {
            string Get(string col) { var k = header.IndexOf(col); return k >= 0 && k < cells.Length ? cells[k].Trim() : ""; }
            var input = new ApplicantInput
            {
                Name = Get("name"), Kana = Get("kana"), Email = Get("email"), Phone = Get("phone"), Organization = Get("organization"),
                Language = string.IsNullOrEmpty(Get("language")) ? "ja" : Get("language").ToLowerInvariant(), Notes = Get("notes"),
            };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
            {
                foreach (var r in results)
                {
                    var field = r.MemberNames.FirstOrDefault() ?? "";
                    var max = typeof(ApplicantInput).GetProperty(field)?.GetCustomAttributes(typeof(StringLengthAttribute), false).OfType<StringLengthAttribute>().FirstOrDefault()?.MaximumLength ?? 0;
                    RowErrors.Add(new(line, l[r.ErrorMessage ?? "Validation.Required", l["Field." + FieldKey(field)].Value, max].Value));
                }
                continue;
            }
            var key = input.Email.Trim().ToLowerInvariant();
            if (!seen.Add(key)) { RowErrors.Add(new(line, l["Import.DuplicateInFile", input.Email])); continue; }
            if (existing.TryGetValue(key, out var known))
            {
                ExistingRows.Add(new(line, input.Email, known.Id, known.Name));
                if (Existing == Update) updates.Add((known.Id, input));
                continue;
            }
            var a = new Applicant { CompanyId = companyId, Name = "", Email = "", CreatedAtUtc = now, UpdatedAtUtc = now };
            input.ApplyTo(a);
            fresh.Add(a);
        }
        if (RowErrors.Count > 0)
        {
            ModelState.AddModelError("File", l["Import.Refused", RowErrors.Count]);
            return Page();
        }
        if (ExistingRows.Count > 0 && string.IsNullOrEmpty(Existing))
        {
            ModelState.AddModelError("Existing", l["Import.ExistingChoose", ExistingRows.Count]);
            return Page();
        }

        db.Applicants.AddRange(fresh);
        var touched = fresh.Select(a => a.Id).ToList();
        if (updates.Count > 0)
        {
            var ids = updates.Select(u => u.Id).ToList();
            var rowsToUpdate = await db.Applicants.Where(a => a.CompanyId == companyId && ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            foreach (var (id, input) in updates)
            {
                if (!rowsToUpdate.TryGetValue(id, out var a)) continue;
                var email = a.Email; // the match; a different spelling of case keeps the registered one
                input.ApplyTo(a);
                a.Email = email;
                a.UpdatedAtUtc = now;
                touched.Add(id);
            }
        }
        if (InviteTo is { } meetingId)
        {
            var invited = await db.ApplicantInvitations.Where(i => i.CompanyId == companyId && i.SelectionMeetingId == meetingId && touched.Contains(i.ApplicantId))
                .Select(i => i.ApplicantId).ToListAsync(ct);
            db.ApplicantInvitations.AddRange(touched.Except(invited).Select(id => new ApplicantInvitation { CompanyId = companyId, ApplicantId = id, SelectionMeetingId = meetingId, CreatedAtUtc = now }));
        }
        await db.SaveChangesAsync(ct); // one SaveChanges: all rows or none
        TempData["Flash"] = (Existing == Update ? l["Import.DoneUpdated", fresh.Count, updates.Count] : ExistingRows.Count > 0 ? l["Import.DoneSkipped", fresh.Count, ExistingRows.Count] : l["Import.Done", fresh.Count]).Value;
        return Redirect("/Applicants");
    }

    /// <summary>The header (as column keys) and the non-blank records with their line numbers, or a file-level error.</summary>
    private async Task<(List<string> Header, List<(int Line, string[] Cells)> Rows, string? Error)> ReadAsync(IFormFile upload, CancellationToken ct)
    {
        // Invalid bytes fail rather than turn into U+FFFD: a Shift_JIS file read as UTF-8 (or the reverse) is named as such.
        Encoding encoding = TextEncoding == "shift_jis"
            ? System.Text.Encoding.GetEncoding("shift_jis", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
            : new UTF8Encoding(false, throwOnInvalidBytes: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
        };
        var rows = new List<(int, string[])>();
        if (await LooksBinaryAsync(upload, ct)) return ([], rows, l["Import.NotCsv"]);
        try
        {
            using var reader = new StreamReader(upload.OpenReadStream(), encoding, detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvReader(reader, config);
            if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } headerRecord) return ([], rows, l["Import.Empty"]);
            var header = headerRecord.Select(h => Column(h.Trim().TrimStart('\uFEFF'))).ToList();
            if (!header.Contains("name") || !header.Contains("email")) return (header, rows, l["Import.Header"]);
            while (await csv.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                var cells = csv.Parser.Record ?? [];
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                if (rows.Count == MaxRows) return (header, rows, l["Import.TooMany", MaxRows]);
                rows.Add((csv.Parser.Row, cells));
            }
            return rows.Count == 0 ? (header, rows, l["Import.Empty"]) : (header, rows, null);
        }
        catch (Exception ex) when (ex is DecoderFallbackException || ex.InnerException is DecoderFallbackException)
        {
            return ([], rows, l["Import.Encoding.Invalid", TextEncoding == "shift_jis" ? "Shift_JIS" : "UTF-8"]);
        }
        catch (CsvHelperException ex) when (ex is BadDataException or ParserException)
        {
            return ([], rows, l["Import.Malformed", ex.Context?.Parser?.Row ?? 0]);
        }
    }

    /// <summary>
    /// An Excel workbook, an image or a PDF is not text in any encoding: a NUL byte or a known file signature near the
    /// start says so, and the message can ask for a CSV rather than for another character encoding.
    /// </summary>
    private static async Task<bool> LooksBinaryAsync(IFormFile upload, CancellationToken ct)
    {
        var head = new byte[8192];
        await using var stream = upload.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var span = head.AsSpan(0, read);
        ReadOnlySpan<byte> zip = [0x50, 0x4B, 0x03, 0x04], ole = [0xD0, 0xCF, 0x11, 0xE0], pdf = "%PDF"u8, utf16le = [0xFF, 0xFE], utf16be = [0xFE, 0xFF];
        // UTF-16 text (a BOM first) has NUL bytes and is still read, by its BOM.
        if (span.StartsWith(utf16le) || span.StartsWith(utf16be)) return false;
        return span.Contains((byte)0) || span.StartsWith(zip) || span.StartsWith(ole) || span.StartsWith(pdf);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var companyId = current.Id;
        Meetings = await db.SelectionMeetings.AsNoTracking().Where(m => m.CompanyId == companyId).OrderBy(m => m.CreatedAtUtc).ToListAsync(ct);
    }

    private static string FieldKey(string member) => member switch
    {
        nameof(ApplicantInput.Name) => "ApplicantName",
        nameof(ApplicantInput.Language) => "ApplicantLanguage",
        _ => member,
    };

    private static string Column(string header) => header.ToLowerInvariant() switch
    {
        "氏名" or "名前" or "name" => "name",
        "ふりがな" or "フリガナ" or "かな" or "kana" => "kana",
        "メール" or "メールアドレス" or "email" or "e-mail" => "email",
        "電話" or "電話番号" or "phone" => "phone",
        "学校名・勤務先" or "学校名" or "勤務先" or "organization" or "school" or "employer" => "organization",
        "言語" or "language" => "language",
        "メモ" or "備考" or "notes" => "notes",
        _ => header,
    };
}
