using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace Saiyo.Tests.Infrastructure;

/// <summary>Intent methods for 応募者 and マイページ, done over HTTP as a recruiter and an applicant click them.</summary>
public static class ApplicantSetup
{
    public static async Task<Guid> CreateApplicantAsync(this SaiyoClient staff, string name, string email, string language = "ja",
        string? kana = null, string? organization = null)
    {
        var page = await staff.SubmitAsync("/Applicants/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Email"] = email, ["Input.Language"] = language,
            ["Input.Kana"] = kana ?? "", ["Input.Organization"] = organization ?? "",
        });
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(page.Path, "^/Applicants/[0-9a-f-]{36}$"), $"{page.Path}: {string.Join(" | ", page.Errors)}");
        return Guid.Parse(page.Path.Split('/')[2]);
    }

    /// <summary>Ticks the 選考会 offered to the applicant and saves.</summary>
    public static async Task InviteAsync(this SaiyoClient staff, Guid applicantId, params Guid[] meetingIds)
    {
        var page = await staff.GetAsync($"/Applicants/{applicantId}");
        var form = page.Document.QuerySelector("form[action*='handler=Invitations']")!;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!) };
        fields.AddRange(meetingIds.Select(m => new KeyValuePair<string, string>("Invited", m.ToString())));
        var after = await staff.PostRawAsync($"/Applicants/{applicantId}?handler=Invitations", fields);
        Assert.Equal($"/Applicants/{applicantId}", after.Path);
    }

    /// <summary>「マイページのリンクを送信」; returns the link shown once to staff (the same one goes out by mail).</summary>
    public static async Task<string> SendMyPageLinkAsync(this SaiyoClient staff, Guid applicantId)
    {
        var page = await staff.GetAsync($"/Applicants/{applicantId}");
        var after = await staff.SubmitAsync(page, formSelector: "form[action*='handler=SendLink']");
        var link = after.Document.QuerySelector(".my-page-link code")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(link), after.Text);
        return new Uri(link!).AbsolutePath;
    }

    /// <summary>An applicant's browser: no sign-in, just the link.</summary>
    public static Task<HtmlPage> BookAsync(this SaiyoClient applicant, string myPagePath, Guid scheduleId) =>
        applicant.PostRawAsync(myPagePath + "?handler=Book", [new("scheduleId", scheduleId.ToString())]);

    /// <summary>
    /// A 日程 as applicants read it (マイページ and mails): 「2026年12月7日（月）14:00〜14:45」 / "Mon, 7 Dec 2026, 14:00–14:45";
    /// mails add the zone, e.g. 「（日本時間）」 / " (Japan time)".
    /// </summary>
    public static string ApplicantWhen(DateOnly day, string start, string end, string language)
    {
        var culture = new System.Globalization.CultureInfo(language);
        return language == "ja"
            ? $"{day.ToString("yyyy年M月d日（ddd）", culture)}{start}〜{end}"
            : $"{day.ToString("ddd, d MMM yyyy", culture)}, {start}–{end}";
    }

    public static string? Outcome(HtmlPage page) => page.Document.QuerySelector("[data-outcome]")?.GetAttribute("data-outcome");

    /// <summary>
    /// What the SMTP server received so far. netDumbster copies its list without a lock, so a mail arriving during the copy
    /// can make it throw (seen under load): read again.
    /// </summary>
    public static netDumbster.smtp.SmtpMessage[] Received(SimpleSmtpServer smtp)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return smtp.ReceivedEmail; }
            catch (Exception e) when (attempt < 20 && e is IndexOutOfRangeException or ArgumentException or InvalidOperationException) { }
        }
    }

    /// <summary>The mails the test's SMTP server received for <paramref name="to"/>, parsed.</summary>
    public static List<MimeMessage> MailsTo(SimpleSmtpServer smtp, string to) =>
        Received(smtp).Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();

    /// <summary>The mail's .ics text; asserts the MIME part's method is the calendar's own METHOD.</summary>
    public static string Calendar(MimeMessage mail)
    {
        var part = mail.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        var ics = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        // Mail clients act on the part's method parameter: it must be the calendar's own METHOD.
        Assert.Equal(Ical.Net.Calendar.Load(ics)!.Method, part.ContentType.Parameters["method"]);
        return ics;
    }

    /// <summary>CSV取り込み: uploads <paramref name="csv"/> as the recruiter's browser would (file input + encoding select).</summary>
    /// <param name="existing">The choice for rows whose e-mail is already registered: "skip", "update" or none.</param>
    public static async Task<HtmlPage> ImportCsvAsync(this SaiyoClient staff, byte[] csv, string encoding, Guid? inviteTo = null, string existing = "")
    {
        var form = await staff.GetAsync("/Applicants/Import");
        var token = form.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(encoding), "Encoding" },
            { new StringContent(inviteTo?.ToString() ?? ""), "InviteTo" },
            { new StringContent(existing), "Existing" },
        };
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(file, "File", "applicants.csv");
        using var response = await staff.Http.PostAsync("/Applicants/Import", content);
        return await HtmlPage.ReadAsync(response);
    }
}
