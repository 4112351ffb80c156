using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Selection;
using Saiyo.Web.Interviews;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>評価フォーム of a 選考会: items (5段階 / 選択 / 自由記述, required or not) in order. 管理者 edit; 採用担当 read.</summary>
public sealed class EvaluationFormModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public SelectionMeeting Meeting { get; private set; } = null!;
    public IReadOnlyList<EvaluationItem> Items { get; private set; } = [];
    public bool CanEdit => Current.IsAdmin;

    [BindProperty]
    public ItemInput Input { get; set; } = new();

    public sealed class ItemInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Evaluation.ItemLabel")]
        public string Label { get; set; } = "";

        [Display(Name = "Evaluation.ItemKind")]
        public EvaluationItemKind Kind { get; set; }

        [Display(Name = "Evaluation.ItemRequired")]
        public bool Required { get; set; }

        [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Evaluation.ItemChoices")]
        public string? Choices { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanEdit) return Forbid();
        if (!Enum.IsDefined(Input.Kind)) ModelState.AddModelError("Input.Kind", L["Validation.InvalidValue"]);
        var choices = EvaluationRules.Choices(Input.Choices);
        if (Input.Kind == EvaluationItemKind.Choice && choices.Count < 2)
            ModelState.AddModelError("Input.Choices", L["Evaluation.ChoicesNeeded"]);
        if (!ModelState.IsValid) return Page();
        Db.EvaluationItems.Add(new EvaluationItem
        {
            CompanyId = Current.Id, SelectionMeetingId = id, Order = Items.Count == 0 ? 1 : Items.Max(i => i.Order) + 1,
            Label = Input.Label.Trim(), Kind = Input.Kind, Required = Input.Required,
            Choices = Input.Kind == EvaluationItemKind.Choice ? string.Join("\n", choices) : null,
        });
        await Db.SaveChangesAsync(ct);
        TempData["Flash"] = L["Common.Saved"].Value;
        return Redirect($"/SelectionMeetings/{id}/EvaluationForm");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid itemId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanEdit) return Forbid();
        var item = await Db.EvaluationItems.FirstOrDefaultAsync(i => i.Id == itemId && i.SelectionMeetingId == id && i.CompanyId == Meeting.CompanyId, ct);
        if (item is null) return NotFound();
        Db.EvaluationItems.Remove(item);
        await Db.SaveChangesAsync(ct);
        return Redirect($"/SelectionMeetings/{id}/EvaluationForm");
    }

    /// <summary>Moves an item one place up (swaps its order with the one before it).</summary>
    public async Task<IActionResult> OnPostUpAsync(Guid id, Guid itemId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanEdit) return Forbid();
        var items = await Db.EvaluationItems.Where(i => i.SelectionMeetingId == id && i.CompanyId == Meeting.CompanyId).OrderBy(i => i.Order).ToListAsync(ct);
        var at = items.FindIndex(i => i.Id == itemId);
        if (at < 0) return NotFound();
        if (at > 0) (items[at].Order, items[at - 1].Order) = (items[at - 1].Order, items[at].Order);
        await Db.SaveChangesAsync(ct);
        return Redirect($"/SelectionMeetings/{id}/EvaluationForm");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var m = await FindMeetingAsync(id, ct);
        if (m is null) return false;
        Meeting = m;
        Items = await Db.EvaluationItems.AsNoTracking().Where(i => i.SelectionMeetingId == id && i.CompanyId == m.CompanyId).OrderBy(i => i.Order).ToListAsync(ct);
        return true;
    }
}
