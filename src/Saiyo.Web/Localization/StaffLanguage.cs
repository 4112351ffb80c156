using Microsoft.AspNetCore.Localization;

namespace Saiyo.Web.Localization;

/// <summary>
/// A staff member's language (日本語 / English): their mails are written in it, and signing in sets the screens to it
/// (the header's switch still changes them for the session). Not chosen: mails in the company's default, Japanese.
/// </summary>
public static class StaffLanguage
{
    public static readonly IReadOnlyList<string> Offered = ["ja", "en"];

    /// <summary>The language of a mail to a staff member who chose <paramref name="chosen"/> (or nothing).</summary>
    public static string ForMail(string? chosen) => chosen == "en" ? "en" : "ja";

    /// <summary>Empty (not chosen) or one of <see cref="Offered"/>.</summary>
    public static bool IsValid(string? value) => string.IsNullOrEmpty(value) || Offered.Contains(value);

    public static string? Normalize(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The screens' language from now on in this browser: the switch's own cookie, for a year.</summary>
    public static void RememberForScreens(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
}

/// <summary>A form with the staff language field (Pages/Shared/_LanguageField).</summary>
public interface IStaffLanguageInput
{
    string? Language { get; }
}
