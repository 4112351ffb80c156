using Saiyo.Data;
using Saiyo.Data.Mail;

namespace Saiyo.Web.Mail;

/// <summary>
/// Adds mails to the outbox on the caller's DbContext, so that a mail is saved in the same
/// transaction as the change it tells about; <see cref="MailDispatcher"/> sends it afterwards.
/// </summary>
public sealed class MailOutbox(SaiyoDbContext db, TimeProvider time)
{
    /// <param name="applicantId">The applicant it is written to (it appears on their timeline).</param>
    /// <param name="dueUtc">Not sent before then (e.g. a 不合格 at a chosen time); now when null.</param>
    public OutgoingMail Add(Guid? companyId, string to, string subject, string body, string? calendar = null, Guid? applicantId = null, DateTime? dueUtc = null)
    {
        var mail = New(companyId, to, subject, body, calendar, applicantId, dueUtc);
        db.OutgoingMails.Add(mail);
        return mail;
    }

    private OutgoingMail New(Guid? companyId, string to, string subject, string body, string? calendar = null, Guid? applicantId = null, DateTime? dueUtc = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new OutgoingMail
        {
            CompanyId = companyId, ApplicantId = applicantId, To = to, Subject = subject, Body = body, Calendar = calendar,
            State = MailState.Pending, CreatedAtUtc = now, NextAttemptAtUtc = dueUtc is { } due && due > now ? due : now,
        };
    }

    /// <summary>
    /// Records a mail to be rendered by <see cref="MailDispatcher"/> just before it is sent, from what the caller recorded
    /// now (kind, booking, language, join URL, .ics SEQUENCE): the booking's transaction writes this one small row and
    /// renders nothing (no template, time zone or .ics work while the seat is held).
    /// </summary>
    public OutgoingMail Record(Guid companyId, string to, string kind, Guid applicantId, Guid bookingId, string language, string? joinUrl, int calendarSequence)
    {
        var mail = Recorded(companyId, to, kind, applicantId, bookingId, language, joinUrl, calendarSequence);
        db.OutgoingMails.Add(mail);
        return mail;
    }

    /// <summary>The mail <see cref="Record"/> adds, not added: for a caller that writes it in its own statement.</summary>
    public OutgoingMail Recorded(Guid companyId, string to, string kind, Guid applicantId, Guid bookingId, string language, string? joinUrl, int calendarSequence)
    {
        var mail = New(companyId, to, "", "", applicantId: applicantId);
        mail.RenderKind = kind;
        mail.BookingId = bookingId;
        mail.Language = language;
        mail.JoinUrl = joinUrl;
        mail.CalendarSequence = calendarSequence;
        return mail;
    }
}
