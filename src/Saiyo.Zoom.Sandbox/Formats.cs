using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Saiyo.Zoom.Sandbox;

internal static class Formats
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Zoom's UTC form: yyyy-MM-ddTHH:mm:ssZ.</summary>
    public static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The public base of the sandbox ({base}{prefix}), without a trailing slash.</summary>
    public static string Base(HttpContext ctx, ZoomSandboxOptions options)
    {
        var origin = options.PublicBaseUrl?.TrimEnd('/') ?? $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}";
        return origin + options.PathPrefix.TrimEnd('/');
    }

    public static string CookiePath(IOptions<ZoomSandboxOptions> options) =>
        string.IsNullOrEmpty(options.Value.PathPrefix) ? "/" : options.Value.PathPrefix;
}
