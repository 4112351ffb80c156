using System.ComponentModel.DataAnnotations;
using Saiyo.Data.Applicants;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>応募者 fields, shared by 作成, 変更 and the CSV import.</summary>
public sealed class ApplicantInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.ApplicantName")]
    public string Name { get; set; } = "";

    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Kana")]
    public string? Kana { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(256, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    [StringLength(40, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Organization")]
    public string? Organization { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression("^(ja|en)$", ErrorMessage = "Validation.Language")]
    [Display(Name = "Field.ApplicantLanguage")]
    public string Language { get; set; } = "ja";

    [StringLength(4000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Notes")]
    public string? Notes { get; set; }

    public static ApplicantInput From(Applicant a) => new()
    {
        Name = a.Name, Kana = a.Kana, Email = a.Email, Phone = a.Phone, Organization = a.Organization, Language = a.Language, Notes = a.Notes,
    };

    public void ApplyTo(Applicant a)
    {
        a.Name = Name.Trim();
        a.Kana = Clean(Kana);
        a.Email = Email.Trim();
        a.Phone = Clean(Phone);
        a.Organization = Clean(Organization);
        a.Language = Language;
        a.Notes = Clean(Notes);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
