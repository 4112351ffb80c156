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
}
