using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Companies;
using Saiyo.Data.Staff;
using Saiyo.Web.Localization;

namespace Saiyo.Web.Pages.Operator.Companies;

/// <summary>An operator opens a company with its first 管理者, who then manages the rest of the staff.</summary>
public sealed class CreateModel(SaiyoDbContext db, UserManager<StaffUser> users, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CreateCompanyInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Checked before the form's own messages are shown, so fields may still be empty (null) here.
        var adminEmail = (Input.AdminEmail ?? "").Trim();
        var admin = new StaffUser { UserName = adminEmail, Email = adminEmail, EmailConfirmed = true, DisplayName = (Input.AdminName ?? "").Trim(), CreatedAtUtc = now,
            // The operator knows this password: the admin replaces it at first sign-in.
            MustChangePassword = true };
        await ModelState.ValidateNewAccountAsync(users, admin, Input.AdminPassword, "Input.AdminPassword", "Input.AdminEmail");
        if (!ModelState.IsValid) return Page();

        // Company and its first admin land together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var company = new Company { Name = Input.Name.Trim(), TimeZoneId = Input.TimeZoneId, WebInterviewLinkageEnabled = Input.WebInterviewLinkageEnabled, CreatedAtUtc = now };
        db.Companies.Add(company);
        Saiyo.Web.Interviews.SelectionFlowDefaults.Seed(db, company);
        await db.SaveChangesAsync(ct);

        admin.CompanyId = company.Id;
        var created = await users.CreateAsync(admin, Input.AdminPassword);
        if (created.Succeeded) created = await users.AddToRoleAsync(admin, StaffRoles.Admin);
        if (!created.Succeeded)
        {
            ModelState.AddIdentityErrors(created, "Input.AdminPassword", "Input.AdminEmail");
            db.ChangeTracker.Clear();
            return Page();
        }

        await tx.CommitAsync(ct);
        TempData["Flash"] = l["Operator.Companies.Created", company.Name].Value;
        return RedirectToPage("Index");
    }

    public sealed class CreateCompanyInput : CompanyForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(100, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.AdminName")]
        public string AdminName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Field.AdminEmail")]
        public string AdminEmail { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.InitialPassword")]
        public string AdminPassword { get; set; } = "";
    }
}
