using Saiyo.Data;
using Saiyo.Data.Mail;

namespace Saiyo.Web.Mail;

/// <summary>
/// Adds mails to the outbox on the caller's DbContext, so that a mail is saved in the same
/// transaction as the change it tells about; <see cref="MailDispatcher"/> sends it afterwards.
/// </summary>
public sealed class MailOutbox(SaiyoDbContext db, TimeProvider time)
{
    public OutgoingMail Add(Guid? companyId, string to, string subject, string body, string? calendar = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var mail = new OutgoingMail
        {
            CompanyId = companyId, To = to, Subject = subject, Body = body, Calendar = calendar,
            State = MailState.Pending, CreatedAtUtc = now, NextAttemptAtUtc = now,
        };
        db.OutgoingMails.Add(mail);
        return mail;
    }
}
