using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Mail;
using Saiyo.Data.Selection;
using Saiyo.Web.Hosting;
using Saiyo.Web.Localization;
using Saiyo.Web.Mail;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Applicants;

/// <summary>
/// The mails an applicant gets about their 予約, in their language, with times in the company's zone, the join URL
/// and passcode, and an .ics invitation. Texts are the company's templates or the built-in ones (<see cref="MailTexts"/>)
/// with {{placeholders}}.
/// Added to the outbox on the caller's DbContext, so they are saved with the change they tell about.
/// </summary>
public sealed class BookingMails(
    SaiyoDbContext db, MailOutbox outbox, IStringLocalizer<SharedResource> l, IDataProtectionProvider protection,
    IOptions<SmtpOptions> smtp, IConfiguration config, MailTexts texts)
{
    private readonly IDataProtector _passcodes = protection.CreateProtector(MeetingSyncWorker.PasscodePurpose);
    private readonly IDataProtector _myPageTokens = protection.CreateProtector(MyPageTokenPurpose);

    public const string MyPageTokenPurpose = "Saiyo.MyPageToken";

    public string MyPageUrl(string token) => $"{ZoomSetup.PublicBaseUrl(config).TrimEnd('/')}/my/{token}";

    /// <summary>
    /// The applicant's current マイページ link for any later mail, from the token the mail that issued it remembered
    /// (encrypted); null when there is none (revoked, deleted, or issued before tokens were remembered).
    /// </summary>
    public string? CurrentMyPageUrl(Applicant a)
    {
        if (a.MyPageTokenHash is null || a.ProtectedMyPageToken is null) return null;
        try
        {
            var token = _myPageTokens.Unprotect(a.ProtectedMyPageToken);
            return MyPageTokens.Hash(token) == a.MyPageTokenHash ? MyPageUrl(token) : null;
        }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }

    /// <summary>A mail carrying a new token remembers it (encrypted), so booking mails can link back to the my page.</summary>
    private void Remember(Applicant a, string token) => a.ProtectedMyPageToken = _myPageTokens.Protect(token);

    /// <returns>The join URL the mail carries (null when it says the link will follow): store it as <see cref="Booking.MailedJoinUrl"/>.</returns>
    public Task<string?> BookedAsync(Applicant a, Booking b, CancellationToken ct) => AddAsync(a, b, "Booked", "REQUEST", ct);

    /// <param name="message">A message from staff (e.g. why a deleted 日程 was cancelled), added below the text.</param>
    public Task<string?> CancelledAsync(Applicant a, Booking b, CancellationToken ct, string? message = null) => AddAsync(a, b, "Cancelled", "CANCEL", ct, message: message);

    /// <summary>The reminder the day before: same facts, no new invitation.</summary>
    public Task<string?> ReminderAsync(Applicant a, Booking b, CancellationToken ct) => AddAsync(a, b, "Booked", null, ct, kind: "Reminder");

    /// <summary>Staff moved the 日程: the new time (the .ics keeps its UID, so calendars update the entry).</summary>
    /// <param name="moved">The schedule with its new time when it is not saved yet (else read from the database).</param>
    public Task<string?> MovedAsync(Applicant a, Booking b, CancellationToken ct, Schedule? moved = null) => AddAsync(a, b, "Booked", "REQUEST", ct, kind: "Moved", current: moved);

    /// <summary>
    /// The applicant's 変更: one mail about the new booking, whose .ics REQUEST carries the replaced booking's UID
    /// (<see cref="Booking.CalendarId"/>) with a higher SEQUENCE, so calendars move the entry; no separate CANCEL.
    /// </summary>
    /// <returns>The join URL the mail carries.</returns>
    public Task<string?> ChangedAsync(Applicant a, Booking now, CancellationToken ct) => AddAsync(a, now, "Booked", "REQUEST", ct, kind: "Changed");

    /// <summary>A staff change's waiting notice (<see cref="BookingNotices"/>): its mail kind, with the link the booking has now.</summary>
    public Task<string?> NoticeAsync(Applicant a, Booking b, string kind, CancellationToken ct) => kind switch
    {
        "Moved" => MovedAsync(a, b, ct),
        BookingNotices.ChangedKind => ChangedAsync(a, b, ct),
        _ => LinkChangedAsync(a, b, ct),
    };

    /// <summary>The link the booking mail said would follow (same .ics UID, so calendars update the entry).</summary>
    public Task<string?> LinkReadyAsync(Applicant a, Booking b, CancellationToken ct) => AddAsync(a, b, "Booked", "REQUEST", ct, kind: "LinkReady");

    /// <summary>The meeting link changed (new host, re-issue, new registration).</summary>
    public Task<string?> LinkChangedAsync(Applicant a, Booking b, CancellationToken ct) => AddAsync(a, b, "Booked", "REQUEST", ct, kind: "LinkChanged");

    /// <summary>The マイページ link (a new one revokes the old).</summary>
    public async Task MyPageLinkAsync(Applicant a, string token, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == a.CompanyId, ct);
        Remember(a, token);
        using var _ = new CultureScope(a.Language);
        var values = new Dictionary<string, string> { ["name"] = a.Name, ["company"] = company.Name, ["mypage_url"] = MyPageUrl(token) };
        var text = await texts.GetAsync(a.CompanyId, "MyPage", a.Language, ct);
        outbox.Add(a.CompanyId, a.Email, MailKind.Fill(text.Subject, values), Finish(MailKind.Fill(text.Body, values), company), applicantId: a.Id);
    }

    /// <summary>「次の選考のご案内」 on 通過: the next 選考会 and a new マイページ link (it revokes the old one).</summary>
    public Task<OutgoingMail> NextStepAsync(Applicant a, string nextSelection, string token, CancellationToken ct) =>
        ResultAsync(a, "NextStep", nextSelection, ct, token);

    /// <summary>The 不合格 mail, when staff chose to send it: now, or not before <paramref name="dueUtc"/>.</summary>
    public Task<OutgoingMail> RejectedAsync(Applicant a, string selection, CancellationToken ct, DateTime? dueUtc = null) =>
        ResultAsync(a, "Rejected", selection, ct, dueUtc: dueUtc);

    private async Task<OutgoingMail> ResultAsync(Applicant a, string kind, string selection, CancellationToken ct, string? token = null, DateTime? dueUtc = null)
    {
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == a.CompanyId, ct);
        if (token is not null) Remember(a, token);
        using var _ = new CultureScope(a.Language);
        var values = new Dictionary<string, string>
        {
            ["name"] = a.Name, ["company"] = company.Name, ["selection"] = selection, ["mypage_url"] = MyPageUrlOrHint(a),
        };
        var text = await texts.GetAsync(a.CompanyId, kind, a.Language, ct);
        return outbox.Add(a.CompanyId, a.Email, MailKind.Fill(text.Subject, values), Finish(MailKind.Fill(text.Body, values), company), applicantId: a.Id, dueUtc: dueUtc);
    }

    private async Task<string?> AddAsync(Applicant a, Booking b, string icsKind, string? method, CancellationToken ct, string? kind = null, Schedule? current = null, string? message = null)
    {
        var mail = await ComposeAsync(a, b, icsKind, method, kind ?? icsKind, current, message, null, ct);
        outbox.Add(a.CompanyId, a.Email, mail.Subject, mail.Body, mail.Calendar, a.Id);
        return mail.JoinUrl;
    }

    /// <summary>
    /// Renders a mail the booking recorded (<see cref="MailOutbox.Record"/>), in the language and with the join URL and
    /// .ics SEQUENCE it recorded; the schedule's time, venue and passcode are read now. Called by the dispatcher before sending.
    /// </summary>
    public async Task RenderAsync(OutgoingMail mail, CancellationToken ct)
    {
        var (icsKind, method) = mail.RenderKind switch
        {
            "Booked" => ("Booked", "REQUEST"),
            var other => throw new InvalidOperationException($"No recorded mail of kind {other}."),
        };
        var b = await db.Bookings.AsNoTracking().FirstAsync(x => x.Id == mail.BookingId, ct);
        var a = await db.Applicants.AsNoTracking().FirstAsync(x => x.Id == mail.ApplicantId, ct);
        a.Language = mail.Language ?? a.Language;
        var text = await ComposeAsync(a, b, icsKind, method, mail.RenderKind, null, null, new Recorded(mail.JoinUrl, mail.CalendarSequence ?? b.CalendarSequence), ct);
        mail.Subject = text.Subject;
        mail.Body = text.Body;
        mail.Calendar = text.Calendar;
        mail.RenderKind = null;
    }

    /// <summary>What a recorded mail fixed when it was recorded.</summary>
    private sealed record Recorded(string? JoinUrl, int CalendarSequence);

    private sealed record Composed(string Subject, string Body, string? Calendar, string? JoinUrl);

    private async Task<Composed> ComposeAsync(Applicant a, Booking b, string icsKind, string? method, string kind, Schedule? current, string? message, Recorded? recorded, CancellationToken ct)
    {
        var row = await (
            from s in db.Schedules.AsNoTracking()
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            join c in db.Companies.AsNoTracking() on s.CompanyId equals c.Id
            where s.Id == b.ScheduleId
            select new { s, e, m, c }).FirstAsync(ct);
        if (current is not null) row = row with { s = current };
        var zone = TimeZones.FindOrTokyo(row.c.TimeZoneId);
        using var _ = new CultureScope(a.Language);
        var (joinUrl, passcode) = recorded is null ? JoinOf(row.s, row.e, b)
            : (recorded.JoinUrl, recorded.JoinUrl is null ? null : Passcode(row.s));
        var values = new Dictionary<string, string>
        {
            ["name"] = a.Name, ["company"] = row.c.Name, ["selection"] = row.m.Name, ["event"] = row.e.Name,
            ["start"] = ApplicantTimes.Start(row.s.StartUtc, zone),
            ["end"] = ApplicantTimes.End(row.s.StartUtc, row.s.EndUtc, zone),
            ["when"] = ApplicantTimes.Range(row.s.StartUtc, row.s.EndUtc, zone, l),
            ["venue"] = row.s.Venue ?? "",
            ["join_url"] = joinUrl ?? (row.e.VideoProvider is null ? "" : l["Mail.JoinUrlLater"].Value),
            ["passcode"] = passcode ?? "",
            ["mypage_url"] = MyPageUrlOrHint(a),
        };
        // {{join_info}}: the join block, "the link follows" (BookingLinkWorker mails it), or nothing for an on-site 日程.
        values["join_info"] = kind == "Cancelled" ? ""
            : joinUrl is not null ? Fill(l["Mail.JoinBlock"], values)
            : row.e.VideoProvider is not null ? values["join_url"] : "";
        var text = await texts.GetAsync(a.CompanyId, kind, a.Language, ct);
        var subject = MailKind.Fill(text.Subject, values);
        var body = MailKind.Fill(text.Body, values);
        // A company template that places {{join_url}} or {{join_info}} itself gets no second copy (nor a second "link follows").
        if (icsKind == "Booked" && !PlacesJoin(text.Body) && values["join_info"] is { Length: > 0 } join)
            body += "\n\n" + join;
        if (!string.IsNullOrWhiteSpace(message)) body += "\n\n" + l["Mail.StaffMessage"].Value + "\n" + message.Trim();
        body = Finish(body, row.c);
        // Calendars apply an update only with a higher SEQUENCE: a counter on the booking, raised by every invitation and
        // saved with it, carried over by a 変更 (a new booking row continuing the same entry); a recorded mail reserved its own.
        var ics = method is null ? null
            : Calendar(b, row.s, row.m.Name + " " + row.e.Name, joinUrl, passcode, a, method, recorded?.CalendarSequence ?? ++b.CalendarSequence);
        return new(subject, body, ics, joinUrl);
    }

    private (string? Url, string? Passcode) JoinOf(Schedule s, InterviewEvent e, Booking b) =>
        BookingLinks.JoinUrl(s, e, b) is { } url ? (url, Passcode(s)) : (null, null);

    private string? Passcode(Schedule s)
    {
        if (s.Meeting.ProtectedPasscode is null) return null;
        try { return _passcodes.Unprotect(s.Meeting.ProtectedPasscode); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }

    public static bool PlacesJoin(string template) =>
        template.Contains("{{join_url}}", StringComparison.Ordinal) || template.Contains("{{join_info}}", StringComparison.Ordinal);

    private string MyPageUrlOrHint(Applicant a) => CurrentMyPageUrl(a) ?? l["Mail.MyPageUrlUnknown"].Value;

    /// <summary>The company's signature under the text; blank lines left by empty values (no venue, no link) closed up.</summary>
    private string Finish(string body, Saiyo.Data.Companies.Company c) =>
        Tidy(body + "\n\n" + MailSignature.For(c.Name, c.MailSenderName, c.MailContact, l));

    public static string Tidy(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body.Replace("\r\n", "\n", StringComparison.Ordinal), @"[ \t]*\n(?:[ \t]*\n){2,}", "\n\n").Trim();

    private string Calendar(Booking b, Schedule s, string title, string? joinUrl, string? passcode, Applicant a, string method, int sequence)
    {
        var calendar = new Ical.Net.Calendar { Method = method };
        var from = MimeKit.MailboxAddress.TryParse(smtp.Value.From, out var mailbox) ? mailbox.Address : "no-reply@saiyo.test";
        var ev = new CalendarEvent
        {
            Uid = $"saiyo-booking-{b.CalendarId ?? b.Id:N}@saiyo",
            Summary = title,
            Start = new CalDateTime(DateTime.SpecifyKind(s.StartUtc, DateTimeKind.Utc)),
            End = new CalDateTime(DateTime.SpecifyKind(s.EndUtc, DateTimeKind.Utc)),
            Location = joinUrl ?? s.Venue,
            Description = joinUrl is null ? null : passcode is null ? joinUrl : $"{joinUrl}\nPasscode: {passcode}",
            Sequence = sequence,
            Status = method == "CANCEL" ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer($"mailto:{from}"),
        };
        if (joinUrl is not null) ev.Url = new Uri(joinUrl);
        ev.Attendees.Add(new Attendee($"mailto:{a.Email}") { CommonName = a.Name, Rsvp = false, ParticipationStatus = "ACCEPTED" });
        calendar.Events.Add(ev);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>Fills a resource text (line breaks spelled \n there); company templates go through <see cref="MailKind.Fill"/>.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        MailKind.Fill(template.Replace("\\n", "\n", StringComparison.Ordinal), values);
}
