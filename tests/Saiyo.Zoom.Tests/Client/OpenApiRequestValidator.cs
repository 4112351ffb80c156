using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Saiyo.Zoom.Tests.Client;

/// <summary>
/// A minimal OpenAPI 3.0 schema walker over System.Text.Json, for the request bodies the client sends: type, nullable,
/// required, enum, $ref, allOf/anyOf/oneOf, properties, additionalProperties, readOnly, string length/pattern/format,
/// number bounds, array items. In strict mode a property the schema does not document is an error too (Zoom ignores unknown
/// fields silently, so a misspelt one would otherwise go unnoticed).
/// </summary>
internal sealed partial class OpenApiRequestValidator
{
    public const string SpecFileName = "zoom-meeting-api-openapi-2023-10.json";
    private readonly JsonDocument _spec;

    private OpenApiRequestValidator(JsonDocument spec) => _spec = spec;

    public JsonElement Root => _spec.RootElement;

    /// <summary>Walks up from the test assembly's directory looking for <c>shared/zoom/&lt;spec&gt;</c>.</summary>
    public static string? FindSpec()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "zoom", SpecFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Loads the spec or skips the calling test.</summary>
    public static OpenApiRequestValidator LoadOrSkip()
    {
        var path = FindSpec();
        if (path is null)
        {
            Assert.Skip($"Zoom's OpenAPI spec (shared/zoom/{SpecFileName}) was not found above {AppContext.BaseDirectory}: request conformance not checked.");
        }

        return Cache.GetOrAdd(path, p => new OpenApiRequestValidator(JsonDocument.Parse(File.ReadAllBytes(p))));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, OpenApiRequestValidator> Cache = new();

    public JsonElement Operation(string pathTemplate, string method) =>
        Root.GetProperty("paths").GetProperty(pathTemplate).GetProperty(method.ToLowerInvariant());

    public JsonElement RequestSchema(string pathTemplate, string method, string contentType = "application/json") =>
        Resolve(Resolve(Operation(pathTemplate, method).GetProperty("requestBody")).GetProperty("content").GetProperty(contentType).GetProperty("schema"));

    /// <summary>The spec path template (e.g. <c>/meetings/{meetingId}</c>) matching a concrete path, or null.</summary>
    public string? MatchPath(string path, string method)
    {
        var segments = path.Trim('/').Split('/');
        string? best = null;
        var bestLiterals = -1;
        foreach (var entry in Root.GetProperty("paths").EnumerateObject())
        {
            var template = entry.Name.Trim('/').Split('/');
            if (template.Length == segments.Length
                && template.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second)
                && entry.Value.TryGetProperty(method.ToLowerInvariant(), out _))
            {
                // Prefer the most literal template (/users/email over /users/{userId}).
                var literals = template.Count(t => !t.StartsWith('{'));
                if (literals > bestLiterals)
                {
                    (best, bestLiterals) = (entry.Name, literals);
                }
            }
        }

        return best;
    }

    /// <summary>Names of the query parameters an operation declares.</summary>
    public IReadOnlySet<string> QueryParameters(string pathTemplate, string method)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in new[] { Root.GetProperty("paths").GetProperty(pathTemplate), Operation(pathTemplate, method) })
        {
            if (source.TryGetProperty("parameters", out var parameters))
            {
                foreach (var p in parameters.EnumerateArray().Select(Resolve))
                {
                    if (p.GetProperty("in").GetString() == "query")
                    {
                        names.Add(p.GetProperty("name").GetString()!);
                    }
                }
            }
        }

        return names;
    }

    public IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance, bool strict = true)
    {
        var errors = new List<string>();
        Walk(schema, instance, "$", strict, errors);
        return errors;
    }

    public JsonElement Resolve(JsonElement element)
    {
        var seen = 0;
        while (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference))
        {
            var pointer = reference.GetString()!;
            if (!pointer.StartsWith("#/", StringComparison.Ordinal) || ++seen > 32)
            {
                throw new NotSupportedException($"Unsupported $ref {pointer}");
            }

            element = Root;
            foreach (var token in pointer[2..].Split('/'))
            {
                element = element.GetProperty(Uri.UnescapeDataString(token).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }
        }

        return element;
    }

    private void Walk(JsonElement schema, JsonElement value, string at, bool strict, List<string> errors)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True) && schema.TryGetProperty("type", out _))
            {
                errors.Add($"{at}: null is not allowed (not nullable).");
            }

            return;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var s in allOf.EnumerateArray())
            {
                Walk(s, value, at, strict: false, errors);
            }
        }

        foreach (var (keyword, exactlyOne) in new[] { ("anyOf", false), ("oneOf", true) })
        {
            if (schema.TryGetProperty(keyword, out var options))
            {
                var passing = options.EnumerateArray().Count(s => Validate(s, value, strict: false).Count == 0);
                if (passing == 0 || (exactlyOne && passing > 1))
                {
                    errors.Add($"{at}: matches {passing} of the {keyword} schemas.");
                }
            }
        }

        if (schema.TryGetProperty("type", out var typeElement) && !HasType(value, typeElement.GetString()!))
        {
            errors.Add($"{at}: expected {typeElement.GetString()}, got {value.ValueKind}.");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => SameValue(a, value)))
        {
            errors.Add($"{at}: {value.GetRawText()} is not one of {allowed.GetRawText()}.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, at, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value.GetDecimal(), at, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, at, strict, errors);
                break;
            case JsonValueKind.Object:
                CheckObject(schema, value, at, strict, errors);
                break;
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string at, bool strict, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{at}: required property '{name}' is missing.");
                }
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var property in value.EnumerateObject())
        {
            var path = $"{at}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                if (Resolve(propertySchema).TryGetProperty("readOnly", out var readOnly) && readOnly.ValueKind == JsonValueKind.True)
                {
                    errors.Add($"{path}: is read-only and must not be sent.");
                }

                Walk(propertySchema, property.Value, path, strict, errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path}: additional property not allowed.");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Walk(additional, property.Value, path, strict, errors);
            }
            else if (strict && properties.ValueKind == JsonValueKind.Object)
            {
                errors.Add($"{path}: not documented by the schema.");
            }
        }
    }

    private void CheckArray(JsonElement schema, JsonElement value, string at, bool strict, List<string> errors)
    {
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            errors.Add($"{at}: fewer than {min.GetInt32()} items.");
        }

        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            errors.Add($"{at}: more than {max.GetInt32()} items.");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Walk(items, item, $"{at}[{i++}]", strict, errors);
            }
        }
    }

    private static void CheckString(JsonElement schema, string text, string at, List<string> errors)
    {
        if (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32())
        {
            errors.Add($"{at}: longer than {max.GetInt32()} characters ({text.Length}).");
        }

        if (schema.TryGetProperty("minLength", out var min) && text.Length < min.GetInt32())
        {
            errors.Add($"{at}: shorter than {min.GetInt32()} characters.");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{at}: does not match /{pattern.GetString()}/.");
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (format == "date-time" && !DateTimePattern().IsMatch(text))
        {
            errors.Add($"{at}: '{text}' is not an RFC 3339 date-time.");
        }
        else if (format == "date" && !DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{at}: '{text}' is not a date.");
        }
        else if (format == "email" && !EmailPattern().IsMatch(text))
        {
            errors.Add($"{at}: '{text}' is not an email address.");
        }
    }

    private static void CheckNumber(JsonElement schema, decimal number, string at, List<string> errors)
    {
        bool Exclusive(string name) => schema.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.True;
        if (schema.TryGetProperty("minimum", out var min) && (number < min.GetDecimal() || (Exclusive("exclusiveMinimum") && number == min.GetDecimal())))
        {
            errors.Add($"{at}: below the minimum {min.GetDecimal()}.");
        }

        if (schema.TryGetProperty("maximum", out var max) && (number > max.GetDecimal() || (Exclusive("exclusiveMaximum") && number == max.GetDecimal())))
        {
            errors.Add($"{at}: above the maximum {max.GetDecimal()}.");
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static bool SameValue(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number
            ? a.GetDecimal() == b.GetDecimal()
            : a.ValueKind == b.ValueKind && a.GetRawText() == b.GetRawText();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
