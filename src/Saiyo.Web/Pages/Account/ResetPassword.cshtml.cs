using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Saiyo.Data.Staff;
using Saiyo.Web.Hosting;
using Saiyo.Web.Localization;

namespace Saiyo.Web.Pages.Account;

/// <summary>
/// The page behind the reset mail's link: a new password for the account, once, within the hour. The new password is
/// the owner's own, so a pending forced change is done; every open session of the account ends (new security stamp).
/// </summary>
[EnableRateLimiting(SignInSetup.SignInPolicy)]
public sealed class ResetPasswordModel(UserManager<StaffUser> users, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    /// <summary>False when the link is unknown, used or older than an hour: the page says so and offers a new one.</summary>
    public bool LinkValid { get; private set; } = true;

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        LinkValid = await FindAsync() is not null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindAsync();
        if (user is null)
        {
            LinkValid = false;
            return Page();
        }
        await Input.CheckAsync(users, user, ModelState);
        if (!ModelState.IsValid) return Page();

        user.MustChangePassword = false;
        var result = await users.ResetPasswordAsync(user, Token, Input.NewPassword);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result, "Input.NewPassword");
            return Page();
        }
        // Proven by the mailbox: a lockout after wrong passwords is lifted, a disabled account stays disabled.
        if (!ForgotPasswordModel.IsDisabled(user, time))
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        TempData["Flash"] = l["Password.Reset.Done"].Value;
        return RedirectToPage("Login");
    }

    private async Task<StaffUser?> FindAsync()
    {
        if (UserId == Guid.Empty || string.IsNullOrEmpty(Token)) return null;
        var user = await users.FindByIdAsync(UserId.ToString());
        if (user is null || ForgotPasswordModel.IsDisabled(user, time)) return null;
        var valid = await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<StaffUser>.ResetPasswordTokenPurpose, Token);
        return valid ? user : null;
    }
}

/// <summary>A new password typed twice; Identity's rules are checked with the other fields, so every error shows at once.</summary>
public class NewPasswordInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.NewPassword")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordMismatch")]
    [Display(Name = "Field.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";

    public async Task CheckAsync(UserManager<StaffUser> users, StaffUser user, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        if (string.IsNullOrEmpty(NewPassword)) return;
        foreach (var validator in users.PasswordValidators)
            modelState.AddIdentityErrors(await validator.ValidateAsync(users, user, NewPassword), "Input.NewPassword", "Input.NewPassword");
    }
}
