using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Saiyo.Zoom.Tests;

/// <summary>
/// Zoom's OpenAPI 3.0 spec (../shared/zoom/zoom-meeting-api-openapi-2023-10.json) and the one validator the tests use over it,
/// for request bodies the client sends and response bodies the sandbox returns. It walks a schema over System.Text.Json:
/// type (with OpenAPI's nullable), required, enum, $ref, allOf/anyOf/oneOf (oneOf: exactly one), properties,
/// additionalProperties, readOnly, string length/pattern/format (date-time, date, email), number bounds and int32/int64,
/// array items and bounds. It also matches concrete paths to the spec's templates and lists their query parameters.
/// <para><c>strict</c> (requests the client sends): a property the schema does not document is an error (Zoom ignores unknown
/// fields silently, so a misspelt one would otherwise go unnoticed), so is a readOnly one, and a date-time must be RFC 3339
/// with an offset. Not strict (responses): extra properties are allowed, since the spec is from 2023 and Zoom has added
/// fields since, and a date-time need only parse (Zoom's local form without an offset, used with a timezone, passes).</para>
/// Usage: <c>var spec = OpenApiSpec.LoadOrSkip(); spec.AssertResponse("/users/{userId}/meetings", "post", 201, body);</c>
/// or for request bodies: <c>spec.Validate(spec.RequestSchema("/users/{userId}/meetings", "post"), json, strict: true)</c>.
/// </summary>
public sealed partial class OpenApiSpec
{
    public const string FileName = "zoom-meeting-api-openapi-2023-10.json";
    private static readonly Lazy<OpenApiSpec?> Cached = new(() => FindSpec() is { } path ? new OpenApiSpec(JsonDocument.Parse(File.ReadAllBytes(path))) : null);
    private readonly JsonDocument _document;

    private OpenApiSpec(JsonDocument document) => _document = document;

    public JsonElement Root => _document.RootElement;

    /// <summary>Walks up from the test assembly's directory looking for <c>shared/zoom/&lt;spec&gt;</c>; null when absent.</summary>
    public static string? FindSpec()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "zoom", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The spec, found by <see cref="FindSpec"/>; skips the calling test when absent.</summary>
    public static OpenApiSpec LoadOrSkip()
    {
        var spec = Cached.Value;
        if (spec is null)
        {
            Assert.Skip($"Zoom's OpenAPI spec (shared/zoom/{FileName}) was not found above {AppContext.BaseDirectory}: conformance not checked.");
        }

        return spec!;
    }

    public JsonElement Operation(string pathTemplate, string method) =>
        Root.GetProperty("paths").GetProperty(pathTemplate).GetProperty(method.ToLowerInvariant());

    /// <summary>The application/json response schema, or null when the spec defines no body for that status.</summary>
    public JsonElement? ResponseSchema(string pathTemplate, string method, int status)
    {
        var responses = Operation(pathTemplate, method).GetProperty("responses");
        if (!responses.TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response)
            || !Resolve(response).TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json)
            || !json.TryGetProperty("schema", out var schema))
        {
            return null;
        }

        return Resolve(schema);
    }

    /// <summary>The request body schema for <paramref name="contentType"/>, or null when the operation takes no such body.</summary>
    public JsonElement? RequestSchema(string pathTemplate, string method, string contentType = "application/json") =>
        Operation(pathTemplate, method).TryGetProperty("requestBody", out var body) && Resolve(body).TryGetProperty("content", out var content)
        && content.TryGetProperty(contentType, out var media) && media.TryGetProperty("schema", out var schema) ? Resolve(schema) : null;

    /// <summary>The spec path template (e.g. <c>/meetings/{meetingId}</c>) matching a concrete path and method, or null.</summary>
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

    /// <summary>Names of the query parameters an operation declares (on the path item or the operation).</summary>
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

    /// <summary>Fails with every violation when <paramref name="body"/> does not match the response schema (which must exist); extras allowed.</summary>
    public void AssertResponse(string pathTemplate, string method, int status, string body)
    {
        var schema = ResponseSchema(pathTemplate, method, status);
        Assert.True(schema is not null, $"The spec defines no JSON body for {method.ToUpperInvariant()} {pathTemplate} {status}");
        using var doc = JsonDocument.Parse(body);
        var errors = Validate(schema, doc.RootElement, strict: false);
        Assert.True(errors.Count == 0, $"{method.ToUpperInvariant()} {pathTemplate} {status} does not match the spec:\n{string.Join("\n", errors)}\n{body}");
    }

    /// <summary>
    /// All violations of <paramref name="schema"/> by <paramref name="instance"/>, each with its JSON path; none when the schema
    /// is null. <paramref name="strict"/>: a request the client sends (see the class remarks); otherwise a response.
    /// </summary>
    public IReadOnlyList<string> Validate(JsonElement? schema, JsonElement instance, bool strict)
    {
        var errors = new List<string>();
        if (schema is { } s)
        {
            Walk(s, instance, "$", new Mode(Request: strict, Closed: strict), errors);
        }

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

    /// <param name="Request">Strict checks for what the client sends: readOnly properties, RFC 3339 date-times, non-empty emails.</param>
    /// <param name="Closed">Undocumented properties are errors; off inside allOf/anyOf/oneOf branches (each documents only a part) and below them.</param>
    private readonly record struct Mode(bool Request, bool Closed);

    private List<string> Branch(JsonElement schema, JsonElement value, Mode mode)
    {
        var errors = new List<string>();
        Walk(schema, value, "$", mode with { Closed = false }, errors);
        return errors;
    }

    private void Walk(JsonElement schema, JsonElement value, string at, Mode mode, List<string> errors)
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
                Walk(s, value, at, mode with { Closed = false }, errors);
            }
        }

        foreach (var (keyword, exactlyOne) in new[] { ("anyOf", false), ("oneOf", true) })
        {
            if (schema.TryGetProperty(keyword, out var options))
            {
                var passing = options.EnumerateArray().Count(s => Branch(s, value, mode).Count == 0);
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
                CheckString(schema, value.GetString()!, at, mode, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value, at, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, at, mode, errors);
                break;
            case JsonValueKind.Object:
                CheckObject(schema, value, at, mode, errors);
                break;
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string at, Mode mode, List<string> errors)
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
                if (mode.Request && Resolve(propertySchema).TryGetProperty("readOnly", out var readOnly) && readOnly.ValueKind == JsonValueKind.True)
                {
                    errors.Add($"{path}: is read-only and must not be sent.");
                }

                Walk(propertySchema, property.Value, path, mode, errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path}: additional property not allowed.");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Walk(additional, property.Value, path, mode, errors);
            }
            else if (mode.Closed && properties.ValueKind == JsonValueKind.Object)
            {
                errors.Add($"{path}: not documented by the schema.");
            }
        }
    }

    private void CheckArray(JsonElement schema, JsonElement value, string at, Mode mode, List<string> errors)
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
                Walk(items, item, $"{at}[{i++}]", mode, errors);
            }
        }
    }

    private static void CheckString(JsonElement schema, string text, string at, Mode mode, List<string> errors)
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

        switch (schema.TryGetProperty("format", out var f) ? f.GetString() : null)
        {
            case "date-time" when mode.Request && !DateTimePattern().IsMatch(text):
                errors.Add($"{at}: '{text}' is not an RFC 3339 date-time.");
                break;
            case "date-time" when !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _):
                errors.Add($"{at}: '{text}' is not a date-time.");
                break;
            case "date" when !DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                errors.Add($"{at}: '{text}' is not a date.");
                break;
            // Zoom returns "" for a participant or user without an address; what the client sends must be a real one.
            case "email" when (mode.Request || text.Length > 0) && !EmailPattern().IsMatch(text):
                errors.Add($"{at}: '{text}' is not an email address.");
                break;
        }
    }

    private static void CheckNumber(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        switch (schema.TryGetProperty("format", out var format) ? format.GetString() : null)
        {
            case "int32" when !value.TryGetInt32(out _):
                errors.Add($"{at}: {value.GetRawText()} is not an int32.");
                break;
            case "int64" when !value.TryGetInt64(out _):
                errors.Add($"{at}: {value.GetRawText()} is not an int64.");
                break;
        }

        if (!value.TryGetDecimal(out var number))
        {
            if (schema.TryGetProperty("minimum", out _) || schema.TryGetProperty("maximum", out _))
            {
                errors.Add($"{at}: {value.GetRawText()} is out of range.");
            }

            return;
        }

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

    /// <summary>OpenAPI 3.0 (JSON Schema draft 4/5): an integer is a JSON number without a fraction or exponent part.</summary>
    private static bool HasType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.GetRawText().All(c => c == '-' || char.IsAsciiDigit(c)),
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static bool SameValue(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number
            ? a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetRawText() == b.GetRawText()
            : a.ValueKind == b.ValueKind && a.GetRawText() == b.GetRawText();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
