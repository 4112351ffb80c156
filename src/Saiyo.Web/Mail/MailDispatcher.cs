using System.Linq.Expressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using MimeKit;
using Saiyo.Data;
using Saiyo.Data.Mail;
using Saiyo.Web.Hosting;

namespace Saiyo.Web.Mail;

/// <summary>
/// Sends pending mails with MailKit. Each node claims a mail before sending (<see cref="ClaimingWorker{TRow}"/>), and
/// the claim is renewed while a slow SMTP server takes its time, so several nodes never send one mail twice; failures
/// back off and retry.
/// </summary>
public sealed partial class MailDispatcher(
    IServiceScopeFactory scopes, IOptions<SmtpOptions> options, TimeProvider time, ILogger<MailDispatcher> logger)
    : ClaimingWorker<OutgoingMail>(scopes, time, logger)
{
    private const int MaxAttempts = 8;

    protected override ClaimLoop Loop => new(options.Value.PollInterval, options.Value.ClaimDuration);

    protected override Expression<Func<OutgoingMail, DateTime?>> ClaimedUntil => m => m.ClaimedUntilUtc;

    protected override IQueryable<OutgoingMail> Due(SaiyoDbContext db, DateTime now) =>
        db.OutgoingMails.Where(m => m.State == MailState.Pending && m.NextAttemptAtUtc <= now);

    protected override IQueryable<OutgoingMail> InOrder(IQueryable<OutgoingMail> due, SaiyoDbContext db) => due.OrderBy(m => m.NextAttemptAtUtc);

    protected override void OnClaim(UpdateSettersBuilder<OutgoingMail> set) => set.SetProperty(m => m.ClaimedBy, Node);

    // WorkAsync saves every outcome with the claim cleared (a renewal meanwhile only extends the value it read, so it cannot
    // bring the claim back); a save that throws leaves the release to the loop.
    protected override bool WorkReleasesClaim => true;

    protected override async Task WorkAsync(IServiceProvider services, SaiyoDbContext db, Guid id, CancellationToken ct)
    {
        var mail = await db.OutgoingMails.FirstAsync(m => m.Id == id, ct);
        var smtp = options.Value;
        try
        {
            // A mail the booking only recorded is written now, outside the booking's transaction; kept rendered if sending
            // fails. A render that fails backs off like a send, so it never holds up the mails behind it.
            if (mail.RenderKind is not null) await services.GetRequiredService<Applicants.BookingMails>().RenderAsync(mail, ct);
            if (string.IsNullOrWhiteSpace(smtp.Host))
            {
                mail.State = MailState.Kept;
            }
            else
            {
                await SendAsync(smtp, mail, ct);
                mail.State = MailState.Sent;
                mail.SentAtUtc = Time.GetUtcNow().UtcDateTime;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            mail.Attempts++;
            mail.LastError = ex.GetType().Name + ": " + ex.Message[..Math.Min(ex.Message.Length, 500)];
            mail.State = mail.Attempts >= MaxAttempts ? MailState.Failed : MailState.Pending;
            mail.NextAttemptAtUtc = Time.GetUtcNow().UtcDateTime + Backoff.After(mail.Attempts, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));
            LogSendFailed(logger, mail.Id, mail.Attempts, ex.GetType().Name);
        }
        if (mail.EraseAfterSend && mail.State != MailState.Pending)
        {
            // The applicant was deleted (個人情報の削除): the history keeps that a mail went out, not to whom nor what.
            mail.To = "";
            mail.Body = "";
            mail.Calendar = null;
        }
        mail.ClaimedBy = null;
        mail.ClaimedUntilUtc = null;
        // The mail went out: its outcome is written even if the host is stopping meanwhile.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task SendAsync(SmtpOptions smtp, OutgoingMail mail, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        var body = new BodyBuilder { TextBody = mail.Body };
        if (mail.Calendar is not null)
        {
            var ics = body.Attachments.Add("invite.ics", System.Text.Encoding.UTF8.GetBytes(mail.Calendar), new ContentType("text", "calendar"));
            // Mail clients act on the MIME method (a CANCEL sent as REQUEST would not remove the entry): same as the .ics's own.
            ics.ContentType.Parameters.Add("method", Ical.Net.Calendar.Load(mail.Calendar)?.Method ?? "REQUEST");
            ics.ContentType.Charset = "utf-8";
        }
        message.Body = body.ToMessageBody();

        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending mail {MailId} failed (attempt {Attempt}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, Guid mailId, int attempt, string error);

}
