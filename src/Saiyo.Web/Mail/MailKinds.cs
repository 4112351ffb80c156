using System.Text.RegularExpressions;

namespace Saiyo.Web.Mail;

/// <summary>
/// One applicant mail a company may reword: the {{placeholders}} it offers and those a template must keep.
/// Its label and description are the resources <c>MailKind.{Name}</c> and <c>MailKind.{Name}.Description</c>;
/// the built-in text is <c>Mail.{Name}.Subject</c> / <c>Mail.{Name}.Body</c>.
/// </summary>
public sealed partial record MailKind(string Name, IReadOnlyList<string> Placeholders, IReadOnlyList<string> Required)
{
    public const int SubjectMaxLength = 200;
    // The column holds 8000; the rest is headroom for the values filled in.
    public const int BodyMaxLength = 6000;

    /// <summary>Kinds offering {{join_url}} get the join block ({{join_info}}) appended when the template places neither.</summary>
    public bool GetsJoinBlock => Placeholders.Contains("join_url");

    /// <summary>
    /// What is wrong with a template for this kind, as (field or null for the whole form, resource key, arguments);
    /// empty when it can be saved. Placeholder problems are form-wide so that each one is listed, not just a field's first.
    /// </summary>
    public IEnumerable<(string? Field, string Key, object[] Args)> Check(string subject, string body)
    {
        // The subject becomes a mail header: one line, no control characters (no header injection).
        if (subject.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
            yield return ("Subject", "MailTemplates.SubjectOneLine", []);
        var text = subject + "\n" + body;
        foreach (var unknown in Tokens(text).Where(t => !Placeholders.Contains(t)).Distinct())
            yield return (null, "MailTemplates.UnknownPlaceholder", ["{{" + unknown + "}}"]);
        var rest = Token().Replace(text, "");
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
            yield return (null, "MailTemplates.Unbalanced", ["{{", "}}"]);
        var used = Tokens(text).ToHashSet();
        foreach (var required in Required.Where(r => !used.Contains(r)))
            yield return (null, "MailTemplates.RequiredPlaceholder", ["{{" + required + "}}"]);
    }

    /// <summary>Replaces each {{placeholder}} in one pass, so a value that itself reads like one is left as typed.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Token().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    private static IEnumerable<string> Tokens(string text) => Token().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{\{([^{}]*)\}\}")]
    private static partial Regex Token();
}

/// <summary>The catalogue of applicant mails whose texts a company may edit. A new kind is one line here (plus its texts).</summary>
public static class MailKinds
{
    public static readonly IReadOnlyList<string> Languages = ["ja", "en"];

    // {{mypage_url}} is offered in every applicant mail, so any of them can link back to the my page.
    private static readonly string[] Person = ["name", "company", "mypage_url"];
    private static readonly string[] Slot = [.. Person, "selection", "event", "when", "start", "end", "venue"];
    private static readonly string[] SlotAndJoin = [.. Slot, "join_info", "join_url", "passcode"];

    // Required: the my page mail exists to carry its link; every booking mail must say which 日程 it is about, so
    // {{start}} stays. {{join_url}} is not required: without it the join block is appended (see MailKind.GetsJoinBlock).
    public static readonly IReadOnlyList<MailKind> All =
    [
        new("MyPage", Person, ["mypage_url"]),
        new("Booked", SlotAndJoin, ["start"]),
        new("Changed", SlotAndJoin, ["start"]),
        new("Moved", SlotAndJoin, ["start"]),
        new("Reminder", SlotAndJoin, ["start"]),
        new("Cancelled", Slot, ["start"]),
        new("LinkReady", SlotAndJoin, ["start"]),
        new("LinkChanged", SlotAndJoin, ["start"]),
        new("NextStep", [.. Person, "selection"], ["mypage_url"]),
        new("Rejected", [.. Person, "selection"], []),
    ];

    public static MailKind? Find(string? name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>"en" for English, otherwise Japanese (the default), as applicants' languages are stored.</summary>
    public static string Language(string? language) => language == "en" ? "en" : "ja";
}
