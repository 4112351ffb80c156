using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Saiyo.Web.Localization;

namespace Saiyo.Web.Pages;

/// <summary>Re-executed for status codes and unhandled exceptions: a message in the user's language, nothing more.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // An exception the handler mapped to a status (e.g. 413 for an oversized upload) keeps that status.
        if (code is null && Response.StatusCode is >= 400 and < 500) code = Response.StatusCode;
        var key = code switch { 404 => "NotFound", 400 => "BadRequest", 403 => "Forbidden", 413 => "PayloadTooLarge", 429 => "TooManyRequests", _ => "Server" };
        Title = l[$"Error.{key}.Title"];
        Body = l[$"Error.{key}.Body"];
        // Keep the original status; an unhandled exception arrives without a code.
        if (code is null) Response.StatusCode = 500;
    }
}
