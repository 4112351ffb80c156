using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Saiyo.Zoom.Sandbox.Pages;

/// <summary>Tiny HTML helpers: every page carries the "Zoom sandbox — not Zoom" banner.</summary>
internal static class Html
{
    /// <summary>Served as a file (<c>sandbox.css</c>): the pages carry no inline style, so a strict CSP holds.</summary>
    public const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
        .banner{background:#b91c1c;color:#fff;padding:.5rem 1rem;font-weight:600;text-align:center}
        nav{background:#fff;border-bottom:1px solid #d9e2ec;padding:.5rem 1rem}nav a{margin-right:1rem}
        main{max-width:70rem;margin:1.5rem auto;padding:0 1rem}
        .card{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:1rem 1.25rem;margin-bottom:1rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e4e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
        label{display:block;margin:.5rem 0 .2rem}input[type=text],input[type=email],input[type=password]{width:100%;max-width:24rem;padding:.4rem;border:1px solid #9aa5b1;border-radius:4px}
        button{padding:.45rem 1rem;border-radius:4px;border:1px solid #2d6cdf;background:#2d6cdf;color:#fff;cursor:pointer;margin:.5rem .5rem 0 0}
        button.secondary{background:#fff;color:#2d6cdf}button.danger{background:#b91c1c;border-color:#b91c1c}
        .error{color:#b91c1c;font-weight:600}.timeline .slot{display:inline-block;margin:1px 2px;padding:0 4px;border-radius:3px;background:#dbeafe}.timeline .slot.clash{background:#fecaca;color:#7f1d1d}.muted{color:#616e7c;font-size:.85rem}code{font-size:.85rem}
        """;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? s) => Encoder.Encode(s ?? "");

    public static IResult Page(string title, string body, string baseUrl, int status = 200)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append(" · Zoom sandbox</title><link rel=\"stylesheet\" href=\"").Append(E(baseUrl)).Append("/sandbox.css\"></head><body>");
        sb.Append("<div class=\"banner\" role=\"banner\">Zoom sandbox — not Zoom</div>");
        sb.Append("<nav><a href=\"").Append(E(baseUrl)).Append("/\">State</a><a href=\"").Append(E(baseUrl)).Append("/marketplace\">Marketplace</a><a href=\"")
            .Append(E(baseUrl)).Append("/meetings\">Meetings</a><a href=\"").Append(E(baseUrl)).Append("/signout\">Sign out</a></nav>");
        sb.Append("<main><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return Results.Content(sb.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static string Hidden(string name, string? value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">";

    public static string Csrf(string token) => Hidden(SessionStore.CsrfField, token);
}
