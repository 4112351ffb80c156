using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Staff;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Settings.Staff;

public sealed class CreateModel(SaiyoDbContext db, UserManager<StaffUser> users, CurrentCompany current, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CreateStaffInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Checked before the form's own messages are shown, so fields may still be empty (null) here.
        var email = (Input.Email ?? "").Trim();
        var user = new StaffUser
        {
            UserName = email, Email = email, EmailConfirmed = true,
            DisplayName = (Input.DisplayName ?? "").Trim(), Language = StaffLanguage.Normalize(Input.Language), CompanyId = current.Id, CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            // The admin knows this password: the new staff member replaces it at first sign-in.
            MustChangePassword = true,
        };
        await ModelState.ValidateNewAccountAsync(users, user, Input.Password, "Input.Password", "Input.Email");
        if (!ModelState.IsValid) return Page();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, Input.Password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, Input.Role);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result, "Input.Password", "Input.Email");
            return Page();
        }
        await tx.CommitAsync(ct);
        TempData["Flash"] = l["Staff.Created", user.DisplayName].Value;
        return RedirectToPage("Index");
    }

    public sealed class CreateStaffInput : StaffInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.InitialPassword")]
        public string Password { get; set; } = "";
    }
}
