using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Saiyo.Data.Audit;

namespace Saiyo.Web.Integrations;

/// <summary>
/// 操作履歴 entries as sentences in the reader's language: the action's resource <c>AuditSentence.{action}</c> filled with the
/// entry's facts, codes among them (a status, an error kind) translated too. Entries written before facts were stored
/// keep free text in <see cref="AuditEntry.Detail"/>: the known shapes are read back into facts; anything else falls back
/// to the action's label with the text as it was typed.
/// </summary>
public static partial class AuditSentences
{
    /// <param name="Who">The person, or the system actor named in the reader's language.</param>
    /// <param name="What">The sentence.</param>
    /// <param name="Unread">An old entry's detail that could not be read into facts, shown as typed; else null.</param>
    public sealed record Rendered(string Who, string What, string? Unread);

    /// <param name="formatUtc">Shows a UTC instant in the company's time zone.</param>
    public static Rendered Render(AuditEntry e, IStringLocalizer l, Func<DateTime, string> formatUtc)
    {
        var actor = l["AuditActor." + e.ActorName];
        var who = e.ActorUserId is null && !actor.ResourceNotFound ? actor.Value : e.ActorName;
        var facts = Facts(e);
        var unread = facts is null ? e.Detail : null;
        foreach (var key in new[] { "AuditSentence." + e.Action, "AuditSentence." + e.Action + ".Plain" })
        {
            var sentence = l[key];
            if (!sentence.ResourceNotFound && TryFill(sentence.Value, facts ?? [], l, formatUtc) is { } what)
                return new Rendered(who, what, unread);
        }
        var label = l["Audit." + e.Action];
        return new Rendered(who, label.ResourceNotFound ? e.Action : label.Value, unread);
    }

    private static Dictionary<string, string>? Facts(AuditEntry e)
    {
        if (e.Parameters is { } json)
        {
            try { return JsonSerializer.Deserialize<Dictionary<string, string>>(json); }
            catch (JsonException) { return null; }
        }
        if (string.IsNullOrWhiteSpace(e.Detail)) return [];
        return Legacy(e.Action, e.Detail.Trim());
    }

    /// <summary>The free-text details older entries carry, read back into facts; null when the shape is not known.</summary>
    private static Dictionary<string, string>? Legacy(string action, string detail)
    {
        Match m;
        return action switch
        {
            AuditActions.StatusChanged when Code().IsMatch(detail) => new() { ["status"] = detail },
            AuditActions.RevokeFailed or AuditActions.AuthorizationFailed when Code().IsMatch(detail) => new() { ["reason"] = detail },
            AuditActions.UsersReloaded when (m = UsersText().Match(detail)).Success => new() { ["count"] = m.Groups[1].Value },
            AuditActions.Authorized when (m = AuthorizedText().Match(detail)).Success => new() { ["account"] = m.Groups[1].Value, ["email"] = m.Groups[2].Value },
            AuditActions.Unlinked when (m = AccountText().Match(detail)).Success => new() { ["account"] = m.Groups[1].Value },
            AuditActions.Deauthorized when (m = DeauthorizedText().Match(detail)).Success => new() { ["account"] = m.Groups[1].Value, ["zoomUser"] = m.Groups[2].Value },
            AuditActions.AuthorizedElsewhere when (m = ElsewhereText().Match(detail)).Success => new() { ["account"] = m.Groups[1].Value, ["zoomUser"] = m.Groups[2].Value },
            AuditActions.StaleDeauthorizationIgnored when (m = StaleText().Match(detail)).Success => new() { ["removedAt"] = m.Groups[1].Value, ["authorizedAt"] = m.Groups[2].Value },
            AuditActions.OrphanMeetingDeleted or AuditActions.OrphanMeetingDeleteFailed when (m = OrphanText().Match(detail)).Success => Orphan(m),
            Applicants.ApplicantAuditActions.Deleted or Applicants.ApplicantAuditActions.AutoDeleted when (m = ApplicantText().Match(detail)).Success =>
                new() { ["applicant"] = m.Groups[1].Value, ["cancelled"] = m.Groups[2].Value },
            _ => null,
        };
    }

    private static Dictionary<string, string> Orphan(Match m)
    {
        var facts = new Dictionary<string, string>
        {
            ["meeting"] = m.Groups[1].Value, ["topic"] = m.Groups[2].Value, ["start"] = m.Groups[3].Value, ["host"] = m.Groups[4].Value,
        };
        if (m.Groups[5].Success) facts["reason"] = m.Groups[5].Value;
        return facts;
    }

    /// <summary>The sentence with every {name} filled; null when a fact it names is missing.</summary>
    private static string? TryFill(string sentence, IReadOnlyDictionary<string, string> facts, IStringLocalizer l, Func<DateTime, string> formatUtc)
    {
        var missing = false;
        var filled = Slot().Replace(sentence, s =>
        {
            var name = s.Groups[1].Value;
            if (facts.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)) return Show(name, value, l, formatUtc);
            missing = true;
            return s.Value;
        });
        return missing ? null : filled;
    }

    private static string Show(string name, string value, IStringLocalizer l, Func<DateTime, string> formatUtc)
    {
        switch (name)
        {
            case "status":
                return Translated(l, value, "LinkageStatus.");
            case "reason":
                return Translated(l, value, "ZoomError.", "AuditReason.");
            case "start" or "removedAt" or "authorizedAt":
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc)
                    ? formatUtc(utc) : value;
            default:
                return value;
        }
    }

    private static string Translated(IStringLocalizer l, string code, params string[] prefixes)
    {
        foreach (var prefix in prefixes)
            if (l[prefix + code] is { ResourceNotFound: false } text) return text.Value;
        return code;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Slot();

    [GeneratedRegex(@"^[A-Za-z_]+$")]
    private static partial Regex Code();

    [GeneratedRegex(@"^(\d+) users$")]
    private static partial Regex UsersText();

    [GeneratedRegex(@"^account (\S+) \((.*)\); scopes:")]
    private static partial Regex AuthorizedText();

    [GeneratedRegex(@"^account (\S+)$")]
    private static partial Regex AccountText();

    [GeneratedRegex(@"^account (\S+); removed in Zoom App Marketplace by user (\S+)$")]
    private static partial Regex DeauthorizedText();

    [GeneratedRegex(@"^account (\S+); allowed by Zoom user (\S+) for another company")]
    private static partial Regex ElsewhereText();

    [GeneratedRegex(@"^account \S+; removed at (.+) UTC, authorized again at (.+) UTC$")]
    private static partial Regex StaleText();

    [GeneratedRegex(@"^Zoom meeting (\d+) 「(.*)」 (\S+ \S+)Z host (\S+); tag \S+(?:; (\w+))?$")]
    private static partial Regex OrphanText();

    [GeneratedRegex(@"^([0-9a-fA-F-]{36}) \((\d+)\)$")]
    private static partial Regex ApplicantText();
}
