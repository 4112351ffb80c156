using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Saiyo.Data;
using Saiyo.Data.Mail;

namespace Saiyo.Web.Mail;

/// <summary>
/// Sends pending mails with MailKit. Each node claims a mail with a conditional UPDATE before
/// sending, so that several nodes never send one mail twice; failures back off and retry.
/// </summary>
public sealed partial class MailDispatcher(
    IServiceScopeFactory scopes, IOptions<SmtpOptions> options, TimeProvider time, ILogger<MailDispatcher> logger) : BackgroundService
{
    private static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private const int MaxAttempts = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendNextAsync(stoppingToken)) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoopFailed(logger, ex);
            }
            // Wall-clock polling; what is due is decided on the injected clock.
            try { await Task.Delay(options.Value.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Claims and sends one mail; false when nothing is due.</summary>
    public async Task<bool> SendNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var candidate = await db.OutgoingMails.AsNoTracking()
            .Where(m => m.State == MailState.Pending && m.NextAttemptAtUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .OrderBy(m => m.NextAttemptAtUtc)
            .Select(m => m.Id)
            .FirstOrDefaultAsync(ct);
        if (candidate == Guid.Empty) return false;

        var until = now.AddMinutes(2);
        var claimed = await db.OutgoingMails
            .Where(m => m.Id == candidate && m.State == MailState.Pending && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, Node).SetProperty(m => m.ClaimedUntilUtc, until), ct);
        if (claimed == 0) return true; // another node took it; look for the next one

        var mail = await db.OutgoingMails.FirstAsync(m => m.Id == candidate, ct);
        var smtp = options.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            mail.State = MailState.Kept;
        }
        else
        {
            try
            {
                await SendAsync(smtp, mail, ct);
                mail.State = MailState.Sent;
                mail.SentAtUtc = time.GetUtcNow().UtcDateTime;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                mail.Attempts++;
                mail.LastError = ex.GetType().Name + ": " + ex.Message[..Math.Min(ex.Message.Length, 500)];
                mail.State = mail.Attempts >= MaxAttempts ? MailState.Failed : MailState.Pending;
                mail.NextAttemptAtUtc = now.AddSeconds(Math.Pow(2, mail.Attempts) * 5);
                LogSendFailed(logger, mail.Id, mail.Attempts, ex.GetType().Name);
            }
        }
        mail.ClaimedBy = null;
        mail.ClaimedUntilUtc = null;
        await db.SaveChangesAsync(ct);
        return true;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail dispatcher loop failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception ex);
}
