using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Mail;
using Saiyo.Web.Localization;
using Saiyo.Web.Mail;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Settings.MailTemplates;

/// <summary>One mail kind in one language: its subject and body, the placeholders it offers, a preview, 既定に戻す.
/// 管理者 edit; 採用担当 read.</summary>
public sealed class EditModel(SaiyoDbContext db, MailTexts texts, CurrentCompany current, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public TemplateInput Input { get; set; } = new();

    public MailKind Kind { get; private set; } = null!;
    public string Language { get; private set; } = "ja";
    public MailTexts.Text Saved { get; private set; } = null!;
    public (string Subject, string Body)? Preview { get; private set; }
    public bool CanEdit => current.IsAdmin;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var language = RouteData.Values["language"] as string ?? "";
        if (MailKinds.Find(RouteData.Values["kind"] as string) is not { } kind || !MailKinds.Languages.Contains(language) || context.HandlerMethod is null)
        {
            context.Result = NotFound();
            return;
        }
        if (HttpMethods.IsPost(Request.Method) && !CanEdit)
        {
            context.Result = Forbid();
            return;
        }
        (Kind, Language) = (kind, language);
        Saved = await texts.GetAsync(current.Id, kind.Name, language, HttpContext.RequestAborted);
        await next();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new TemplateInput { Subject = Saved.Subject, Body = Saved.Body };
        Preview = await texts.PreviewAsync(current.Id, Kind, Language, Saved.Subject, Saved.Body, ct);
    }

    /// <summary>Shows the typed text as an applicant would get it; saves nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Validate())
            Preview = await texts.PreviewAsync(current.Id, Kind, Language, Input.Subject, Input.Body, ct);
        return Page();
    }

    /// <summary>An upsert that survives two admins saving the same new template at once: update the row if there is one,
    /// else insert it; an insert that loses the race to the unique index (CompanyId, Kind, Language) updates the winner's row
    /// instead (the last save wins, as with two saves of an existing row).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Validate()) return Page();
        var companyId = current.Id;
        var (subject, body) = (Input.Subject, Input.Body);
        var now = time.GetUtcNow().UtcDateTime;
        var by = User.FindFirstValue(SaiyoClaims.DisplayName);
        for (var attempt = 1; ; attempt++)
        {
            var updated = await db.MailTemplates.Where(t => t.CompanyId == companyId && t.Kind == Kind.Name && t.Language == Language)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Subject, subject).SetProperty(t => t.Body, body)
                    .SetProperty(t => t.UpdatedAtUtc, now).SetProperty(t => t.UpdatedBy, by), ct);
            if (updated > 0) break;
            db.MailTemplates.Add(new MailTemplate { CompanyId = companyId, Kind = Kind.Name, Language = Language, Subject = subject, Body = body, UpdatedAtUtc = now, UpdatedBy = by });
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another save inserted the row meanwhile (unique index): update that row on the next round.
                db.ChangeTracker.Clear();
            }
        }
        TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage("Index");
    }

    /// <summary>既定に戻す: the company's row goes, the built-in text applies again.</summary>
    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        var companyId = current.Id;
        await db.MailTemplates.Where(t => t.CompanyId == companyId && t.Kind == Kind.Name && t.Language == Language).ExecuteDeleteAsync(ct);
        TempData["Flash"] = l["MailTemplates.ResetDone"].Value;
        return RedirectToPage();
    }

    private bool Validate()
    {
        // Browsers post CRLF; mails and templates keep LF.
        Input.Subject = Input.Subject?.Trim(' ', '\u3000') ?? ""; // a line break is refused, not trimmed away
        Input.Body = (Input.Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        foreach (var (field, key, args) in Kind.Check(Input.Subject, Input.Body))
            ModelState.AddModelError(field is null ? "" : $"{nameof(Input)}.{field}", l[key, args]);
        return ModelState.IsValid;
    }

    public sealed class TemplateInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(MailKind.SubjectMaxLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Mails.Subject")]
        public string Subject { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(MailKind.BodyMaxLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "MailTemplates.Body")]
        public string Body { get; set; } = "";
    }
}
