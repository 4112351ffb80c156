using System.Globalization;
using System.Text.Json;

namespace Saiyo.Zoom.Tests;

/// <summary>
/// Zoom's OpenAPI 3.0 spec (../shared/zoom/zoom-meeting-api-openapi-2023-10.json) and a small validator for its schemas:
/// type (with OpenAPI's nullable), required, properties, items, enum, allOf/oneOf/anyOf, $ref, formats (date-time, email,
/// int32/int64) checked loosely. Extra properties are allowed, as in the spec (Zoom adds fields over time).
/// Usage: <c>var spec = OpenApiSpec.LoadOrSkip(); spec.AssertResponse("/users/{userId}/meetings", "post", 201, body);</c>
/// or for request bodies: <c>spec.Validate(spec.RequestSchema("/users/{userId}/meetings", "post"), json)</c>.
/// </summary>
public sealed class OpenApiSpec
{
    public const string FileName = "zoom-meeting-api-openapi-2023-10.json";
    private static readonly Lazy<(OpenApiSpec? Spec, string Searched)> Cached = new(Find);
    private readonly JsonElement _root;

    private OpenApiSpec(JsonDocument document) => _root = document.RootElement;

    /// <summary>The spec, found by walking up from the test assembly to a folder holding shared/zoom/; skips the test when absent.</summary>
    public static OpenApiSpec LoadOrSkip()
    {
        var (spec, searched) = Cached.Value;
        if (spec is null)
        {
            Assert.Skip($"Zoom OpenAPI spec not found at shared/zoom/{FileName} above {searched}");
        }

        return spec!;
    }

    private static (OpenApiSpec?, string) Find()
    {
        var start = AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "zoom", FileName);
            if (File.Exists(candidate))
            {
                return (new OpenApiSpec(JsonDocument.Parse(File.ReadAllBytes(candidate))), start);
            }
        }

        return (null, start);
    }

    public JsonElement Operation(string path, string method) => _root.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());

    /// <summary>The application/json response schema, or null when the spec defines no body for that status.</summary>
    public JsonElement? ResponseSchema(string path, string method, int status)
    {
        var responses = Operation(path, method).GetProperty("responses");
        if (!responses.TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response)
            || !response.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json)
            || !json.TryGetProperty("schema", out var schema))
        {
            return null;
        }

        return schema;
    }

    public JsonElement? RequestSchema(string path, string method) =>
        Operation(path, method).TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
        && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema) ? schema : null;

    /// <summary>Fails with every violation when <paramref name="body"/> does not match the response schema (which must exist).</summary>
    public void AssertResponse(string path, string method, int status, string body)
    {
        var schema = ResponseSchema(path, method, status);
        Assert.True(schema is not null, $"The spec defines no JSON body for {method.ToUpperInvariant()} {path} {status}");
        using var doc = JsonDocument.Parse(body);
        var errors = Validate(schema!.Value, doc.RootElement);
        Assert.True(errors.Count == 0, $"{method.ToUpperInvariant()} {path} {status} does not match the spec:\n{string.Join("\n", errors)}\n{body}");
    }

    /// <summary>All violations of <paramref name="schema"/> by <paramref name="instance"/>, each with its JSON path.</summary>
    public IReadOnlyList<string> Validate(JsonElement? schema, JsonElement instance)
    {
        var errors = new List<string>();
        if (schema is { } s)
        {
            Check(s, instance, "$", errors);
        }

        return errors;
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var r))
        {
            var node = _root;
            foreach (var part in r.GetString()!.TrimStart('#', '/').Split('/'))
            {
                node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            schema = node;
        }

        return schema;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True) && schema.TryGetProperty("type", out _))
            {
                errors.Add($"{at}: null is not allowed");
            }

            return;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var sub in allOf.EnumerateArray())
            {
                Check(sub, value, at, errors);
            }
        }

        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(key, out var options) && !options.EnumerateArray().Any(o => Validate(o, value).Count == 0))
            {
                errors.Add($"{at}: matches none of {key}");
            }
        }

        if (schema.TryGetProperty("type", out var typeElement) && !TypeMatches(typeElement.GetString()!, value))
        {
            errors.Add($"{at}: expected {typeElement.GetString()}, got {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(e => JsonEquals(e, value)))
        {
            errors.Add($"{at}: {value.GetRawText()} is not one of {values.GetRawText()}");
        }

        if (schema.TryGetProperty("format", out var format))
        {
            CheckFormat(format.GetString()!, value, at, errors);
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
                {
                    errors.Add($"{at}: required property '{name}' is missing");
                }
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(property.Name, out var child))
                    {
                        Check(property.Value, child, $"{at}.{property.Name}", errors);
                    }
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{at}[{i++}]", errors);
            }
        }
    }

    private static bool TypeMatches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        _ => true,
    };

    private static bool JsonEquals(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number ? a.GetDecimal() == b.GetDecimal() : a.GetRawText() == b.GetRawText();

    private static void CheckFormat(string format, JsonElement value, string at, List<string> errors)
    {
        switch (format)
        {
            case "date-time" when value.ValueKind == JsonValueKind.String
                && !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _):
                errors.Add($"{at}: '{value.GetString()}' is not a date-time");
                break;
            case "email" when value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } e && !e.Contains('@', StringComparison.Ordinal):
                errors.Add($"{at}: '{e}' is not an email");
                break;
            case "int32" when value.ValueKind == JsonValueKind.Number && !value.TryGetInt32(out _):
                errors.Add($"{at}: {value.GetRawText()} is not an int32");
                break;
            case "int64" when value.ValueKind == JsonValueKind.Number && !value.TryGetInt64(out _):
                errors.Add($"{at}: {value.GetRawText()} is not an int64");
                break;
        }
    }
}
