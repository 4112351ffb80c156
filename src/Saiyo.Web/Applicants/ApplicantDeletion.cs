using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Mail;
using Saiyo.Web.Hosting;
using Saiyo.Web.Integrations;

namespace Saiyo.Web.Applicants;

public static class ApplicantAuditActions
{
    public const string Deleted = "applicant.deleted";
    public const string AutoDeleted = "applicant.auto_deleted";
}

/// <summary>
/// 個人情報の削除: coming bookings are cancelled with their mail (their Zoom registrations are then cancelled by
/// <see cref="BookingLinkWorker"/>), the applicant's personal data and マイページ token are emptied, mails to them in the
/// history lose address and body, and an audit entry names who did it. The row stays, emptied, so that a 日程's counts
/// and past attendance stay right. One transaction; a conditional UPDATE of <see cref="Applicant.DeletedAtUtc"/> makes
/// sure two nodes (or a double click) delete and mail once.
/// </summary>
public sealed class ApplicantDeletion(SaiyoDbContext db, BookingService bookings, BookingLinkSignal linkSignal, Saiyo.Web.Interviews.InterviewerCalendarSignal interviewerSignal, TimeProvider time)
{
    /// <returns>The cancelled bookings, or null when the applicant was already deleted.</returns>
    public async Task<List<Booking>?> DeleteAsync(Applicant applicant, Guid? actorId, string actorName, string action, string? ip, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var email = applicant.Email;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Applicants.Where(a => a.Id == applicant.Id && a.CompanyId == applicant.CompanyId && a.DeletedAtUtc == null)
            .ExecuteUpdateAsync(x => x.SetProperty(a => a.DeletedAtUtc, now), ct);
        if (claimed == 0) return null;
        applicant.ProtectedMyPageToken = null; // the cancellation mails below must not link to a my page about to go

        var cancelled = await bookings.CancelComingForDeletionAsync(applicant, ct);
        foreach (var mail in db.ChangeTracker.Entries<OutgoingMail>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
            mail.EraseAfterSend = true;

        // The history: sent mails lose address and body now; mails still waiting (a reminder) are not sent to a deleted person.
        await db.OutgoingMails.Where(m => m.CompanyId == applicant.CompanyId && m.To == email && m.State != MailState.Pending)
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.To, "").SetProperty(m => m.Body, "").SetProperty(m => m.Calendar, (string?)null), ct);
        await db.OutgoingMails.Where(m => m.CompanyId == applicant.CompanyId && m.To == email && m.State == MailState.Pending && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteDeleteAsync(ct);
        await db.OutgoingMails.Where(m => m.CompanyId == applicant.CompanyId && m.To == email && m.State == MailState.Pending)
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.EraseAfterSend, true), ct);
        // Links of past bookings carry the person's registration; the booking itself (a seat, attendance) stays.
        await db.Bookings.Where(b => b.ApplicantId == applicant.Id && b.CompanyId == applicant.CompanyId)
            .ExecuteUpdateAsync(x => x.SetProperty(b => b.PersonalJoinUrl, (string?)null).SetProperty(b => b.MailedJoinUrl, (string?)null), ct);
        await db.ApplicantInvitations.Where(i => i.ApplicantId == applicant.Id && i.CompanyId == applicant.CompanyId).ExecuteDeleteAsync(ct);

        applicant.Name = "";
        applicant.Kana = null;
        applicant.Email = "";
        applicant.Phone = null;
        applicant.Organization = null;
        applicant.Notes = null;
        applicant.MyPageTokenHash = null;
        applicant.MyPageIssuedAtUtc = null;
        applicant.DeletedAtUtc = now;
        applicant.UpdatedAtUtc = now;
        // Who and when, and what was done; never the person's data (the id only links to nothing once emptied).
        AuditLog.Write(db, time, applicant.CompanyId, actorId, actorName, action, new Dictionary<string, string?>
        {
            ["applicant"] = applicant.Id.ToString(), ["cancelled"] = cancelled.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, ip);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (cancelled.Any(b => b.RegistrantId is not null)) linkSignal.Poke(); // committed: the worker cancels their registrations now
        if (cancelled.Count > 0) interviewerSignal.Poke(); // their 日程 are marked: the 面接官's calendars lose the name now
        return cancelled;
    }
}

public sealed class ApplicantAutoDeletionOptions
{
    public const string Section = "Applicants:AutoDeletion";
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// 個人情報の自動削除: on every node, deletes the applicants of companies that turned it on once N months have passed since
/// their last 日程 (or their registration, without any). Safe on several nodes: <see cref="ApplicantDeletion"/> claims
/// each applicant with a conditional UPDATE, so only one node deletes (and mails) each.
/// </summary>
public sealed partial class ApplicantAutoDeletionWorker(
    IServiceScopeFactory scopes, IOptionsMonitor<ApplicantAutoDeletionOptions> options, TimeProvider time, ILogger<ApplicantAutoDeletionWorker> logger)
    : PollingWorker(logger)
{
    public const string ActorName = "自動削除";

    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override async Task PollOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var companies = await db.Companies.AsNoTracking().Where(c => c.AutoDeleteApplicantsAfterMonths != null)
            .Select(c => new { c.Id, Months = c.AutoDeleteApplicantsAfterMonths!.Value }).ToListAsync(ct);
        foreach (var company in companies)
        {
            var before = now.AddMonths(-company.Months);
            var due = await db.Applicants.AsNoTracking()
                .Where(a => a.CompanyId == company.Id && a.DeletedAtUtc == null && a.CreatedAtUtc <= before
                    && !db.Bookings.Any(b => b.ApplicantId == a.Id && db.Schedules.Any(s => s.Id == b.ScheduleId && s.StartUtc > before)))
                .Select(a => a.Id).Take(100).ToListAsync(ct);
            foreach (var id in due)
            {
                using var one = scopes.CreateScope();
                var oneDb = one.ServiceProvider.GetRequiredService<SaiyoDbContext>();
                var applicant = await oneDb.Applicants.FirstOrDefaultAsync(a => a.Id == id && a.DeletedAtUtc == null, ct);
                if (applicant is null) continue;
                var done = await one.ServiceProvider.GetRequiredService<ApplicantDeletion>()
                    .DeleteAsync(applicant, null, ActorName, ApplicantAuditActions.AutoDeleted, null, ct);
                if (done is not null) LogDeleted(Logger, id, company.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applicant {ApplicantId} of company {CompanyId} deleted automatically")]
    private static partial void LogDeleted(ILogger logger, Guid applicantId, Guid companyId);
}
