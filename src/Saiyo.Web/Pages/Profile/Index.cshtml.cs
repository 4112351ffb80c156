using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Saiyo.Data.Staff;
using Saiyo.Web.Localization;

namespace Saiyo.Web.Pages.Profile;

/// <summary>個人設定: every signed-in staff member's own language for their mails and screens.</summary>
public sealed class IndexModel(UserManager<StaffUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return NotFound();
        Show(user);
        Input = new ProfileInput { Language = user.Language };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return NotFound();
        Show(user);
        if (!StaffLanguage.IsValid(Input.Language))
            ModelState.AddModelError("Input.Language", l["Validation.InvalidValue"]);
        if (!ModelState.IsValid) return Page();

        user.Language = StaffLanguage.Normalize(Input.Language);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }
        if (user.Language is { } language)
        {
            // A chosen language applies to the screens at once, as it will at every sign-in; so does the message.
            StaffLanguage.RememberForScreens(Response, language);
            using var _ = new CultureScope(language);
            TempData["Flash"] = l["Common.Saved"].Value;
        }
        else TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage();
    }

    private void Show(StaffUser user)
    {
        DisplayName = user.DisplayName;
        Email = user.Email ?? "";
    }

    public sealed class ProfileInput : IStaffLanguageInput
    {
        [Display(Name = "Field.StaffLanguage")]
        public string? Language { get; set; }
    }
}
