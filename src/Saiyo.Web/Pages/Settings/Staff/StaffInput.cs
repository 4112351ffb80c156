using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Saiyo.Web.Localization;
using Saiyo.Data.Staff;

namespace Saiyo.Web.Pages.Settings.Staff;

public class StaffInput : IValidatableObject, IStaffLanguageInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.DisplayName")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Role")]
    public string Role { get; set; } = StaffRoles.Recruiter;

    /// <summary>日本語 / English for their mails and screens; empty = not chosen (mails in Japanese).</summary>
    [Display(Name = "Field.StaffLanguage")]
    public string? Language { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // IValidatableObject messages are not localized by MVC; ask the localizer directly.
        var l = validationContext.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (!StaffRoles.CompanyRoles.Contains(Role))
            yield return new ValidationResult(l["Validation.InvalidValue"], [nameof(Role)]);
        if (!StaffLanguage.IsValid(Language))
            yield return new ValidationResult(l["Validation.InvalidValue"], [nameof(Language)]);
    }
}
