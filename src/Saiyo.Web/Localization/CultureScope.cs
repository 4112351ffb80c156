using System.Globalization;

namespace Saiyo.Web.Localization;

/// <summary>Switches the culture for the texts of one mail (the applicant's language, not the staff member's).</summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _ui = CultureInfo.CurrentUICulture;

    public CultureScope(string language)
    {
        var c = new CultureInfo(language == "en" ? "en" : "ja");
        CultureInfo.CurrentCulture = c;
        CultureInfo.CurrentUICulture = c;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _ui;
    }
}
