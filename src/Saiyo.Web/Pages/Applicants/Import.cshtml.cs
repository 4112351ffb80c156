using System.ComponentModel.DataAnnotations;
using System.Text;
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
/// CSV取り込み: one applicant per row (UTF-8 or Shift_JIS), header 氏名/name, ふりがな/kana, メール/email, 電話/phone,
/// 学校名・勤務先/organization, 言語/language, メモ/notes. Every row is checked first; one bad row imports nothing.
/// </summary>
[UploadLimit(MaxUploadBytes)]
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportModel(SaiyoDbContext db, CurrentCompany current, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxRows = 5000;
    /// <summary>5,000 rows of a few hundred bytes fit easily; anything larger answers 413 with a page.</summary>
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    static ImportModel() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public sealed record RowError(int Line, string Message);

    [BindProperty(Name = "File")] public IFormFile? Upload { get; set; }
    [BindProperty(Name = "Encoding")] public string TextEncoding { get; set; } = "utf-8";
    [BindProperty] public Guid? InviteTo { get; set; }

    public IReadOnlyList<SelectionMeeting> Meetings { get; private set; } = [];
    public List<RowError> RowErrors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var companyId = current.Id;
        if (InviteTo is { } m && Meetings.All(x => x.Id != m)) return NotFound();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("File", l["Import.NoFile"]);
            return Page();
        }
        var encoding = TextEncoding == "shift_jis" ? System.Text.Encoding.GetEncoding("shift_jis") : new UTF8Encoding(false);
        string text;
        using (var reader = new StreamReader(Upload.OpenReadStream(), encoding, detectEncodingFromByteOrderMarks: true))
            text = await reader.ReadToEndAsync(ct);
        var rows = Csv.Parse(text);
        if (rows.Count < 2)
        {
            ModelState.AddModelError("File", l["Import.Empty"]);
            return Page();
        }
        var header = rows[0].Select(h => Column(h.Trim().TrimStart('\uFEFF'))).ToList();
        if (!header.Contains("name") || !header.Contains("email"))
        {
            ModelState.AddModelError("File", l["Import.Header"]);
            return Page();
        }
        if (rows.Count - 1 > MaxRows)
        {
            ModelState.AddModelError("File", l["Import.TooMany", MaxRows]);
            return Page();
        }

        var existing = (await db.Applicants.Where(a => a.CompanyId == companyId).Select(a => a.Email.ToLower()).ToListAsync(ct)).ToHashSet();
        var seen = new HashSet<string>();
        var now = time.GetUtcNow().UtcDateTime;
        var applicants = new List<Applicant>();
        for (var i = 1; i < rows.Count; i++)
        {
            var cells = rows[i];
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            string Get(string col) { var k = header.IndexOf(col); return k >= 0 && k < cells.Count ? cells[k].Trim() : ""; }
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
                    RowErrors.Add(new(i + 1, l[r.ErrorMessage ?? "Validation.Required", l["Field." + FieldKey(field)].Value, max].Value));
                }
                continue;
            }
            var key = input.Email.Trim().ToLowerInvariant();
            if (!seen.Add(key)) { RowErrors.Add(new(i + 1, l["Import.DuplicateInFile", input.Email])); continue; }
            if (existing.Contains(key)) { RowErrors.Add(new(i + 1, l["Import.AlreadyRegistered", input.Email])); continue; }
            var a = new Applicant { CompanyId = companyId, Name = "", Email = "", CreatedAtUtc = now, UpdatedAtUtc = now };
            input.ApplyTo(a);
            applicants.Add(a);
        }
        if (RowErrors.Count > 0)
        {
            ModelState.AddModelError("File", l["Import.Refused", RowErrors.Count]);
            return Page();
        }

        db.Applicants.AddRange(applicants);
        if (InviteTo is { } meetingId)
            db.ApplicantInvitations.AddRange(applicants.Select(a => new ApplicantInvitation { CompanyId = companyId, ApplicantId = a.Id, SelectionMeetingId = meetingId, CreatedAtUtc = now }));
        await db.SaveChangesAsync(ct); // one SaveChanges: all rows or none
        TempData["Flash"] = l["Import.Done", applicants.Count].Value;
        return Redirect("/Applicants");
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

/// <summary>RFC 4180 CSV: commas, double-quoted cells with "" escapes and line breaks, CRLF or LF.</summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': row.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n': row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; break;
                default: cell.Append(c); break;
            }
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
        return rows;
    }
}
