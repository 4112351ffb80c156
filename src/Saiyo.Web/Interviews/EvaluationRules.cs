using System.Text.Json;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Interviews;

/// <summary>How a 評価フォーム's answers are read, checked and stored.</summary>
public static class EvaluationRules
{
    public const int TextMaxLength = 2000;

    public static List<string> Choices(string? lines) =>
        (lines ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();

    /// <summary>The resource key of what is wrong with <paramref name="value"/> for <paramref name="item"/>, or null.</summary>
    public static string? Check(EvaluationItem item, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return item.Required ? "Validation.Required" : null;
        return item.Kind switch
        {
            EvaluationItemKind.Rating => value is "1" or "2" or "3" or "4" or "5" ? null : "Validation.InvalidValue",
            EvaluationItemKind.Choice => Choices(item.Choices).Contains(value.Trim()) ? null : "Validation.InvalidValue",
            _ => value.Length > TextMaxLength ? "Evaluation.TextTooLong" : null,
        };
    }

    public static string Write(IReadOnlyDictionary<Guid, string> answers) => JsonSerializer.Serialize(answers);

    public static Dictionary<Guid, string> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<Guid, string>>(json) ?? [];
}
