using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Saiyo.Data.Staff;
using Saiyo.Web.Hosting;
using Saiyo.Web.Localization;
using Saiyo.Web.SignIn;

namespace Saiyo.Web.Pages.Account;

[EnableRateLimiting(SignInSetup.SignInPolicy)]
public sealed class LoginModel(SignInManager<StaffUser> signIn, UnknownAccountPassword unknownAccount, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        // Known or not, locked or not: one password hash is verified and one message answers every failure, so
        // neither the time nor the text tells whether an account exists or is locked.
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            unknownAccount.Verify(Input.Password);
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                // The screens follow the staff member's own language from sign-in; the header's switch still changes them.
                if (user.Language is { } language) StaffLanguage.RememberForScreens(Response, language);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            }
            // Identity refuses a locked or disabled account before hashing.
            if (result.IsLockedOut || result.IsNotAllowed) unknownAccount.Verify(Input.Password);
        }

        ModelState.AddModelError(string.Empty, l["Login.Failed"]);
        return Page();
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Login.RememberMe")]
        public bool RememberMe { get; set; }
    }
}
