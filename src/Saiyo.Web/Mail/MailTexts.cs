using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Web.Applicants;
using Saiyo.Web.Hosting;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Mail;

/// <summary>
/// The wording of an applicant mail: the company's own template for the kind and language, else the built-in
/// text from the resources. Kinds outside <see cref="MailKinds"/> always get the built-in text.
/// </summary>
public sealed class MailTexts(SaiyoDbContext db, IStringLocalizer<SharedResource> l, TimeProvider time, IConfiguration config)
{
    public sealed record Text(string Subject, string Body, bool Edited, string? UpdatedBy = null, DateTime? UpdatedAtUtc = null);

    public async Task<Text> GetAsync(Guid companyId, string kind, string language, CancellationToken ct)
    {
        language = MailKinds.Language(language);
        var own = await db.MailTemplates.AsNoTracking()
            .Where(t => t.CompanyId == companyId && t.Kind == kind && t.Language == language)
            .Select(t => new Text(t.Subject, t.Body, true, t.UpdatedBy, t.UpdatedAtUtc))
            .FirstOrDefaultAsync(ct);
        return own ?? BuiltIn(kind, language);
    }

    public Text BuiltIn(string kind, string language)
    {
        using var _ = new CultureScope(language);
        // The resources spell line breaks as \n; templates keep real ones.
        return new Text(Resource($"Mail.{kind}.Subject"), Resource($"Mail.{kind}.Body"), false);
    }

    /// <summary>The mail as an applicant would get it, filled with sample values (company name and time zone real).</summary>
    public async Task<(string Subject, string Body)> PreviewAsync(Guid companyId, MailKind kind, string language, string subject, string body, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId)
            .Select(c => new { c.Name, c.TimeZoneId, c.MailSenderName, c.MailContact }).FirstAsync(ct);
        var zone = TimeZones.FindOrTokyo(company.TimeZoneId);
        // Tomorrow 10:00–11:00 in the company's zone: a plausible 日程.
        var today = TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, zone).Date;
        var startUtc = TimeZoneInfo.ConvertTimeToUtc(today.AddDays(1).AddHours(10), zone);
        var endUtc = startUtc.AddHours(1);
        using var _ = new CultureScope(language);
        var values = new Dictionary<string, string>
        {
            ["name"] = l["MailTemplates.Sample.Name"], ["company"] = company.Name,
            ["selection"] = l["MailTemplates.Sample.Selection"], ["event"] = l["MailTemplates.Sample.Event"],
            ["start"] = ApplicantTimes.Start(startUtc, zone), ["end"] = ApplicantTimes.End(startUtc, endUtc, zone),
            ["when"] = ApplicantTimes.Range(startUtc, endUtc, zone, l), ["venue"] = l["MailTemplates.Sample.Venue"],
            ["join_url"] = "https://zoom.us/j/81234567890", ["passcode"] = "a1B2c3",
            ["mypage_url"] = $"{ZoomSetup.PublicBaseUrl(config).TrimEnd('/')}/my/sample-link",
        };
        values["join_info"] = MailKind.Fill(Resource("Mail.JoinBlock"), values);
        var filled = MailKind.Fill(body, values);
        if (kind.GetsJoinBlock && !BookingMails.PlacesJoin(body))
            filled += "\n\n" + values["join_info"];
        filled += "\n\n" + MailSignature.For(company.Name, company.MailSenderName, company.MailContact, l);
        return (MailKind.Fill(subject, values), BookingMails.Tidy(filled));
    }

    private string Resource(string key) => l[key].Value.Replace("\\n", "\n", StringComparison.Ordinal);
}
