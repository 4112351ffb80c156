using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Settings;

/// <summary>設定: the company's name, time zone, 個人情報の自動削除 and mail signature. 管理者 edit; 採用担当 read.</summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public bool CanEdit => current.IsAdmin;
    public bool LinkageEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var c = await db.Companies.AsNoTracking().FirstOrDefaultAsync(x => x.Id == current.Id, ct);
        if (c is null) return NotFound();
        Input = new SettingsInput
        {
            Name = c.Name, TimeZoneId = c.TimeZoneId, AutoDeleteMonths = c.AutoDeleteApplicantsAfterMonths,
            MailSenderName = c.MailSenderName, MailContact = c.MailContact,
        };
        LinkageEnabled = c.WebInterviewLinkageEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var c = await db.Companies.FirstOrDefaultAsync(x => x.Id == current.Id, ct);
        if (c is null) return NotFound();
        LinkageEnabled = c.WebInterviewLinkageEnabled;
        if (!TimeZones.IsValid(Input.TimeZoneId))
            ModelState.AddModelError("Input.TimeZoneId", l["Validation.TimeZone"]);
        // Each is one line of the signature: no line breaks or control characters.
        foreach (var (field, value) in new[] { ("Input.MailSenderName", Input.MailSenderName), ("Input.MailContact", Input.MailContact) })
            if (value is not null && value.Any(ch => char.IsControl(ch) || ch is '\u2028' or '\u2029'))
                ModelState.AddModelError(field, l["Settings.OneLine"]);
        if (!ModelState.IsValid) return Page();

        c.Name = Input.Name.Trim();
        c.TimeZoneId = Input.TimeZoneId;
        c.AutoDeleteApplicantsAfterMonths = Input.AutoDeleteMonths;
        c.MailSenderName = string.IsNullOrWhiteSpace(Input.MailSenderName) ? null : Input.MailSenderName.Trim();
        c.MailContact = string.IsNullOrWhiteSpace(Input.MailContact) ? null : Input.MailContact.Trim();
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage();
    }

    public sealed class SettingsInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.CompanyName")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.TimeZone")]
        public string TimeZoneId { get; set; } = TimeZones.Default;

        /// <summary>個人情報の自動削除: months after the last 日程; empty = off (the default).</summary>
        [Range(1, 120, ErrorMessage = "Settings.AutoDeleteInvalid")]
        [Display(Name = "Settings.AutoDeleteMonths")]
        public int? AutoDeleteMonths { get; set; }

        /// <summary>メール署名: who signs applicant mails; empty = 「採用担当」.</summary>
        [StringLength(100, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Settings.MailSenderName")]
        public string? MailSenderName { get; set; }

        /// <summary>メール署名: how applicants reach the team; empty = no contact line.</summary>
        [StringLength(300, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Settings.MailContact")]
        public string? MailContact { get; set; }
    }
}
