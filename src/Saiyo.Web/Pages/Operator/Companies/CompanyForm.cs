using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Operator.Companies;

/// <summary>The fields an operator sets on a company (create and edit share them).</summary>
public class CompanyForm : IValidatableObject
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.CompanyName")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.TimeZone")]
    public string TimeZoneId { get; set; } = TimeZones.Default;

    [Display(Name = "Field.WebInterviewLinkage")]
    public bool WebInterviewLinkageEnabled { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZones.IsValid(TimeZoneId))
        {
            // IValidatableObject messages are not localized by MVC; ask the localizer directly.
            var l = validationContext.GetRequiredService<IStringLocalizer<SharedResource>>();
            yield return new ValidationResult(l["Validation.TimeZone"], [nameof(TimeZoneId)]);
        }
    }
}
