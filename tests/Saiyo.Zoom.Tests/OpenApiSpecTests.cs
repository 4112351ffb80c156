using System.Text.Json;

namespace Saiyo.Zoom.Tests;

/// <summary>The strict/lenient switch and the path checks of <see cref="OpenApiSpec"/>; the keyword checks are covered by the conformance tests.</summary>
public sealed class OpenApiSpecTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Strict_mode_rejects_what_a_request_must_not_carry_and_responses_may()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        var schema = Json("""
            {"type":"object","properties":{"id":{"type":"integer","readOnly":true},"at":{"type":"string","format":"date-time"},
             "email":{"type":"string","format":"email"},"settings":{"type":"object","properties":{"a":{"type":"boolean"}}}}}
            """);

        foreach (var (body, error) in new[]
        {
            ("""{"extra":1}""", "$.extra"),
            ("""{"settings":{"b":true}}""", "$.settings.b"),
            ("""{"id":1}""", "read-only"),
            ("""{"at":"2026-04-01T10:00:00"}""", "RFC 3339"),
            ("""{"email":""}""", "$.email"),
        })
        {
            Assert.Contains(spec.Validate(schema, Json(body), strict: true), e => e.Contains(error, StringComparison.Ordinal));
            Assert.Empty(spec.Validate(schema, Json(body), strict: false));
        }

        foreach (var strict in new[] { true, false })
        {
            var valid = strict ? """{"at":"2026-04-01T10:00:00Z","email":"a@b.example","settings":{"a":true}}""" : """{"id":1,"at":"2026-04-01T10:00:00Z","email":"a@b.example","settings":{"a":true}}""";
            Assert.Empty(spec.Validate(schema, Json(valid), strict));
            Assert.Contains(spec.Validate(schema, Json("""{"at":"soon"}"""), strict), e => e.Contains("$.at", StringComparison.Ordinal));
            Assert.Contains(spec.Validate(schema, Json("""{"email":"nobody"}"""), strict), e => e.Contains("$.email", StringComparison.Ordinal));
            Assert.Contains(spec.Validate(schema, Json("""{"id":1.0}"""), strict), e => e.Contains("expected integer", StringComparison.Ordinal));
            Assert.Contains(spec.Validate(schema, Json("""{"settings":{"a":"yes"}}"""), strict), e => e.Contains("$.settings.a", StringComparison.Ordinal));
            Assert.Empty(spec.Validate(null, Json("""{"anything":1}"""), strict));
        }
    }

    [Fact]
    public void Response_checks_include_int64_and_bounds()
    {
        var spec = OpenApiSpec.LoadOrSkip();
        var schema = Json("""{"type":"object","properties":{"id":{"type":"integer","format":"int64"},"n":{"type":"integer","maximum":300,"minimum":1}}}""");

        Assert.Empty(spec.Validate(schema, Json("""{"id":85746065123,"n":300}"""), strict: false));
        Assert.Contains(spec.Validate(schema, Json("""{"id":92233720368547758070}"""), strict: false), e => e.Contains("int64", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(schema, Json("""{"n":301}"""), strict: false), e => e.Contains("maximum", StringComparison.Ordinal));
        Assert.Contains(spec.Validate(schema, Json("""{"n":0}"""), strict: false), e => e.Contains("minimum", StringComparison.Ordinal));
    }

    [Fact]
    public void Paths_match_the_most_literal_template_and_list_their_query_parameters()
    {
        var spec = OpenApiSpec.LoadOrSkip();

        Assert.Equal("/users/{userId}", spec.MatchPath("/users/me", "GET"));
        Assert.Equal("/users/email", spec.MatchPath("/users/email", "get"));
        Assert.Equal("/meetings/{meetingId}", spec.MatchPath("/meetings/85746065123", "PATCH"));
        Assert.Null(spec.MatchPath("/meetings/1", "put"));
        Assert.Null(spec.MatchPath("/no/such/path", "get"));
        Assert.Contains("page_size", spec.QueryParameters("/users", "get"));
        Assert.Contains("next_page_token", spec.QueryParameters("/users", "get"));
        Assert.DoesNotContain("page_size", spec.QueryParameters("/meetings/{meetingId}", "patch"));
        Assert.Null(spec.RequestSchema("/meetings/{meetingId}", "get"));
        Assert.Null(spec.ResponseSchema("/meetings/{meetingId}", "delete", 204));
    }
}
