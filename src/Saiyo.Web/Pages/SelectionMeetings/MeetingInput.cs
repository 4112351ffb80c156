using System.ComponentModel.DataAnnotations;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>選考会 fields.</summary>
public sealed class MeetingInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.SelectionMeetingName")]
    public string Name { get; set; } = "";

    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Description")]
    public string? Description { get; set; }

    [Display(Name = "SelectionFlow.Step")]
    public Guid? StepId { get; set; }

    /// <summary>The company's 選考ステップ offered in the form (not posted).</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public IReadOnlyList<Saiyo.Data.Selection.SelectionStep> Steps { get; set; } = [];
}
