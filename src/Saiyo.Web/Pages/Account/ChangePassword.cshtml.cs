using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Saiyo.Data.Staff;
using Saiyo.Web.Hosting;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Account;

/// <summary>
/// パスワードの変更, by choice or forced: a password set by someone else (new staff, an admin's reset, a company's first
/// admin) must be replaced by one of the owner's own before any other page opens (see PasswordChangeGate).
/// </summary>
[EnableRateLimiting(SignInSetup.SignInPolicy)]
public sealed class ChangePasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Forced => User.HasClaim(c => c.Type == SaiyoClaims.MustChangePassword);

    // The /Account folder is open to everyone; this page is not.
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();

        await Input.CheckAsync(users, user, ModelState);
        // Counted like a sign-in: guessing the current password from an open session locks the account too.
        var currentRight = !string.IsNullOrEmpty(Input.CurrentPassword)
                           && (await signIn.CheckPasswordSignInAsync(user, Input.CurrentPassword, lockoutOnFailure: true)).Succeeded;
        if (!currentRight && !string.IsNullOrEmpty(Input.CurrentPassword))
            ModelState.AddModelError("Input.CurrentPassword", l["Password.Change.WrongCurrent"]);
        // Keeping the password someone else set (or the current one) is no change.
        if (currentRight && Input.NewPassword == Input.CurrentPassword)
            ModelState.AddModelError("Input.NewPassword", l["Password.Change.SameAsCurrent"]);
        if (!ModelState.IsValid) return Page();

        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result, "Input.NewPassword", "Input.CurrentPassword");
            return Page();
        }
        // The new security stamp ends every other session of the account; this one gets a fresh ticket without the
        // forced-change claim.
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = l["Password.Change.Done"].Value;
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && !ReturnUrl!.StartsWith("/Account", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/");
    }

    public sealed class ChangeInput : NewPasswordInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.CurrentPassword")]
        public string CurrentPassword { get; set; } = "";
    }
}
