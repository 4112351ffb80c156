using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// Drives Saiyo over HTTP as a person with a browser would: open a page, fill its form, submit.
/// Forms are submitted with every field the page rendered (antiforgery token included).
/// </summary>
public sealed class SaiyoClient(HttpClient http, CookieContainer cookies)
{
    public HttpClient Http { get; } = http;
    public CookieContainer Cookies { get; } = cookies;

    public async Task<HtmlPage> GetAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>Opens <paramref name="url"/>, fills the form that <paramref name="formSelector"/> finds, submits it.</summary>
    public async Task<HtmlPage> SubmitAsync(string url, IDictionary<string, string>? fields = null, string formSelector = "main form")
    {
        var page = await GetAsync(url);
        Assert.True(page.Status == HttpStatusCode.OK, $"GET {url} answered {(int)page.Status}: {page.Text[..Math.Min(300, page.Text.Length)]}");
        return await SubmitAsync(page, fields, formSelector);
    }

    public async Task<HtmlPage> SubmitAsync(HtmlPage page, IDictionary<string, string>? fields = null, string formSelector = "main form")
    {
        var form = page.Document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}");
        return await PostFormAsync(page, form, FormValues(form), fields);
    }

    /// <summary>Clicks the submit button named <paramref name="buttonText"/> on <paramref name="page"/> (any form, any site).</summary>
    public async Task<HtmlPage> ClickAsync(HtmlPage page, string buttonText, IDictionary<string, string>? fields = null)
    {
        var button = page.Document.QuerySelectorAll("button, input[type=submit]")
            .FirstOrDefault(b => (b.TextContent.Trim() == buttonText) || b.GetAttribute("value") == buttonText)
            ?? throw new InvalidOperationException($"No button '{buttonText}' on {page.Url}: {page.Text[..Math.Min(page.Text.Length, 500)]}");
        var form = button.Closest("form") as IHtmlFormElement ?? throw new InvalidOperationException($"Button '{buttonText}' is outside a form");
        var values = FormValues(form);
        if (button.GetAttribute("name") is { Length: > 0 } name) values.Add(new(name, button.GetAttribute("value") ?? ""));
        // A button's formaction (e.g. asp-page-handler on a button) wins over the form's action, as in a browser.
        return await PostFormAsync(page, form, values, fields, button.GetAttribute("formaction"));
    }

    /// <summary>Posts what the form holds, with <paramref name="fields"/> typed over it, to the form's action.</summary>
    private async Task<HtmlPage> PostFormAsync(HtmlPage page, IHtmlFormElement form, List<KeyValuePair<string, string>> values, IDictionary<string, string>? fields, string? formAction = null)
    {
        foreach (var (k, v) in fields ?? new Dictionary<string, string>())
        {
            values.RemoveAll(p => p.Key == k);
            values.Add(new(k, v));
        }
        var action = string.IsNullOrEmpty(formAction) ? form.GetAttribute("action") : formAction;
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action);
        if (string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))
        {
            // As a browser does: a GET form replaces the action's query with its fields.
            var query = await new FormUrlEncodedContent(values).ReadAsStringAsync();
            return await GetAsync(new UriBuilder(target) { Query = query }.Uri.AbsoluteUri);
        }
        using var response = await Http.PostAsync(target, new FormUrlEncodedContent(values));
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>Posts raw fields (for tampering tests: missing token, forged values).</summary>
    public async Task<HtmlPage> PostRawAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await Http.PostAsync(url, new FormUrlEncodedContent(fields));
        return await HtmlPage.ReadAsync(response);
    }

    private static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var el in form.Elements)
        {
            var name = el.GetAttribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            switch (el)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } input:
                    if (input.IsChecked) list.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement { Type: "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    list.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    var opt = select.SelectedOptions.FirstOrDefault() ?? select.Options.FirstOrDefault();
                    if (opt is not null) list.Add(new(name, opt.Value));
                    break;
                case IHtmlTextAreaElement area:
                    list.Add(new(name, area.Value));
                    break;
            }
        }
        return list;
    }

    // ---- intent methods ----

    /// <summary>
    /// Signs in. A password someone else set (new staff, a company's first 管理者) must be changed at the first sign-in:
    /// the helper does so as the person would, through an interim password and back, so that a test keeps one password
    /// per account. Tests of the forced change itself use <see cref="SignInOnlyAsync"/>.
    /// </summary>
    public async Task<HtmlPage> SignInAsync(string email, string password = Demo.Password)
    {
        var page = await SignInOnlyAsync(email, password);
        if (page.Document.QuerySelector("[data-outcome=change-required]") is null) return page;
        var interim = password + "-Own1";
        page = await ChangePasswordAsync(page, password, interim);
        Assert.True(page.Path != "/Account/ChangePassword", $"forced change refused: {string.Join(" | ", page.Errors)}");
        return await ChangePasswordAsync(await GetAsync("/Account/ChangePassword"), interim, password);
    }

    /// <summary>Only the sign-in form: lands wherever Saiyo sends the person (e.g. パスワードの変更).</summary>
    public Task<HtmlPage> SignInOnlyAsync(string email, string password) =>
        SubmitAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Fills パスワードの変更 on <paramref name="page"/> and submits it.</summary>
    public Task<HtmlPage> ChangePasswordAsync(HtmlPage page, string current, string next, string? confirm = null) =>
        SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = confirm ?? next,
        });
}

/// <summary>A response read as HTML.</summary>
public sealed class HtmlPage
{
    public required HttpStatusCode Status { get; init; }
    public required Uri Url { get; init; }
    public required IDocument Document { get; init; }
    public required string Html { get; init; }

    /// <summary>The visible text of the main content, whitespace collapsed.</summary>
    public string Text => System.Text.RegularExpressions.Regex.Replace(Document.Body?.TextContent ?? Html, @"\s+", " ");

    public string Path => Url.AbsolutePath;

    public IEnumerable<string> Errors =>
        Document.QuerySelectorAll(".field-validation-error, .alert-error li, .alert-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0);

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var parser = new HtmlParser();
        return new HtmlPage
        {
            Status = response.StatusCode,
            Url = response.RequestMessage!.RequestUri!,
            Document = await parser.ParseDocumentAsync(html),
            Html = html,
        };
    }
}
