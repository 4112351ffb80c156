using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Saiyo.Web.Localization;
using Saiyo.Data.Staff;

namespace Saiyo.Web.Pages.Settings.Staff;

public class StaffInput : IValidatableObject
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.DisplayName")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Role")]
    public string Role { get; set; } = StaffRoles.Recruiter;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!StaffRoles.CompanyRoles.Contains(Role))
        {
            // IValidatableObject messages are not localized by MVC; ask the localizer directly.
            var l = validationContext.GetRequiredService<IStringLocalizer<SharedResource>>();
            yield return new ValidationResult(l["Validation.InvalidValue"], [nameof(Role)]);
        }
    }
}
