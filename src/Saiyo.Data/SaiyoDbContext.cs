using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data.Applicants;
using Saiyo.Data.Audit;
using Saiyo.Data.Companies;
using Saiyo.Data.Integrations;
using Saiyo.Data.Mail;
using Saiyo.Data.Selection;
using Saiyo.Data.Staff;

namespace Saiyo.Data;

/// <summary>Saiyo's one DbContext. Entity configuration lives beside each entity (IEntityTypeConfiguration).</summary>
public class SaiyoDbContext(DbContextOptions<SaiyoDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<VideoLinkage> VideoLinkages => Set<VideoLinkage>();
    public DbSet<ExternalVideoUser> ExternalVideoUsers => Set<ExternalVideoUser>();
    public DbSet<ZoomCallPacing> ZoomCallPacings => Set<ZoomCallPacing>();
    public DbSet<OAuthAuthorization> OAuthAuthorizations => Set<OAuthAuthorization>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<MailTemplate> MailTemplates => Set<MailTemplate>();
    public DbSet<SelectionMeeting> SelectionMeetings => Set<SelectionMeeting>();
    public DbSet<InterviewEvent> InterviewEvents => Set<InterviewEvent>();
    public DbSet<Schedule> Schedules => Set<Schedule>();
    public DbSet<HostQuotaUsage> HostQuotaUsages => Set<HostQuotaUsage>();
    public DbSet<EventPoolHost> EventPoolHosts => Set<EventPoolHost>();
    public DbSet<HostSlot> HostSlots => Set<HostSlot>();
    public DbSet<Applicant> Applicants => Set<Applicant>();
    public DbSet<ApplicantInvitation> ApplicantInvitations => Set<ApplicantInvitation>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<EventInterviewer> EventInterviewers => Set<EventInterviewer>();
    public DbSet<ScheduleInterviewer> ScheduleInterviewers => Set<ScheduleInterviewer>();
    public DbSet<InterviewerInvitation> InterviewerInvitations => Set<InterviewerInvitation>();
    public DbSet<EvaluationItem> EvaluationItems => Set<EvaluationItem>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<EvaluationReminder> EvaluationReminders => Set<EvaluationReminder>();
    public DbSet<SelectionStep> SelectionSteps => Set<SelectionStep>();
    public DbSet<SelectionResult> SelectionResults => Set<SelectionResult>();
    public DbSet<ApplicantEvent> ApplicantEvents => Set<ApplicantEvent>();
    public DbSet<SavedApplicantSearch> SavedApplicantSearches => Set<SavedApplicantSearch>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SaiyoDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC inside Saiyo; reading it back must say so, whatever the provider.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
