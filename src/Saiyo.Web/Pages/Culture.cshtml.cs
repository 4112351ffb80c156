using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Saiyo.Web.Hosting;
using Saiyo.Web.Localization;

namespace Saiyo.Web.Pages;

/// <summary>The language switcher: remembers the choice in a cookie for a year (until the next sign-in of staff who chose a language).</summary>
[AllowAnonymous]
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost(string culture, string? returnUrl)
    {
        if (SaiyoServiceExtensions.SupportedCultures.Any(c => c.Name == culture))
        {
            StaffLanguage.RememberForScreens(Response, culture);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
