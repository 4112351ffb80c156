using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Settings.SelectionFlow;

/// <summary>選考フロー: the company's ordered 選考ステップ (add, rename, 「上へ」, delete); each 選考会 belongs to one.</summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<SelectionStep> Steps { get; private set; } = [];
    public Dictionary<Guid, int> MeetingCounts { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "SelectionFlow.StepName")]
    public string Name { get; set; } = "";

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null) context.Result = NotFound();
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        db.SelectionSteps.Add(new SelectionStep { CompanyId = current.Id, Name = Name.Trim(), Order = Steps.Count == 0 ? 1 : Steps.Max(s => s.Order) + 1 });
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid stepId, CancellationToken ct)
    {
        await LoadAsync(ct);
        var step = await FindAsync(stepId, ct);
        if (step is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        step.Name = Name.Trim();
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage();
    }

    /// <summary>「上へ」: swaps the step with the one before it.</summary>
    public async Task<IActionResult> OnPostUpAsync(Guid stepId, CancellationToken ct)
    {
        var steps = await db.SelectionSteps.Where(s => s.CompanyId == current.Id).OrderBy(s => s.Order).ToListAsync(ct);
        var at = steps.FindIndex(s => s.Id == stepId);
        if (at < 0) return NotFound();
        if (at > 0) (steps[at].Order, steps[at - 1].Order) = (steps[at - 1].Order, steps[at].Order);
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    /// <summary>Its 選考会 stay, without a step.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid stepId, CancellationToken ct)
    {
        var step = await FindAsync(stepId, ct);
        if (step is null) return NotFound();
        db.SelectionSteps.Remove(step);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["SelectionFlow.Deleted", step.Name].Value;
        return RedirectToPage();
    }

    private Task<SelectionStep?> FindAsync(Guid id, CancellationToken ct)
    {
        var companyId = current.Id;
        return db.SelectionSteps.FirstOrDefaultAsync(s => s.Id == id && s.CompanyId == companyId, ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var companyId = current.Id;
        Steps = await db.SelectionSteps.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Order).ToListAsync(ct);
        MeetingCounts = await db.SelectionMeetings.AsNoTracking().Where(m => m.CompanyId == companyId && m.StepId != null)
            .GroupBy(m => m.StepId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
