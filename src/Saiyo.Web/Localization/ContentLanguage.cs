using System.Text.RegularExpressions;

namespace Saiyo.Web.Localization;

/// <summary>
/// The language of a text written for someone else (a mail as sent), for its lang attribute: screen readers then read a
/// Japanese mail in Japanese on an English page. Mails are sent in Japanese or English only, so any kana or kanji means ja.
/// </summary>
public static partial class ContentLanguage
{
    public static string Of(string? text) => text is not null && Japanese().IsMatch(text) ? "ja" : "en";

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex Japanese();
}
