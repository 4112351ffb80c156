using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saiyo.Data.Applicants;
using Saiyo.Data.Staff;

namespace Saiyo.Data.Selection;

internal sealed class EventInterviewerConfiguration : IEntityTypeConfiguration<EventInterviewer>
{
    public void Configure(EntityTypeBuilder<EventInterviewer> b)
    {
        b.HasKey(x => new { x.EventId, x.StaffUserId });
        b.HasIndex(x => new { x.CompanyId, x.StaffUserId });
        b.HasOne<InterviewEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.StaffUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScheduleInterviewerConfiguration : IEntityTypeConfiguration<ScheduleInterviewer>
{
    public void Configure(EntityTypeBuilder<ScheduleInterviewer> b)
    {
        b.HasKey(x => new { x.ScheduleId, x.StaffUserId });
        b.HasIndex(x => new { x.CompanyId, x.StaffUserId });
        b.HasOne<Schedule>().WithMany().HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.StaffUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InterviewerInvitationConfiguration : IEntityTypeConfiguration<InterviewerInvitation>
{
    public void Configure(EntityTypeBuilder<InterviewerInvitation> b)
    {
        b.HasIndex(x => new { x.ScheduleId, x.StaffUserId }).IsUnique();
        b.HasIndex(x => new { x.CompanyId, x.StaffUserId });
        b.Property(x => x.MailedBookings).HasMaxLength(64);
        // Two changes of the same 日程 at once: the second save fails and is redone, so SEQUENCE never repeats.
        b.Property(x => x.Sequence).IsConcurrencyToken();
        b.HasOne<Schedule>().WithMany().HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.StaffUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvaluationItemConfiguration : IEntityTypeConfiguration<EvaluationItem>
{
    public void Configure(EntityTypeBuilder<EvaluationItem> b)
    {
        b.HasIndex(x => new { x.CompanyId, x.SelectionMeetingId, x.Order });
        b.Property(x => x.Label).HasMaxLength(200);
        b.Property(x => x.Choices).HasMaxLength(2000);
        b.HasOne<SelectionMeeting>().WithMany().HasForeignKey(x => x.SelectionMeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> b)
    {
        // One evaluation per interviewer, applicant and 選考会: a second submit edits it.
        b.HasIndex(x => new { x.ApplicantId, x.SelectionMeetingId, x.InterviewerId }).IsUnique();
        b.HasIndex(x => new { x.CompanyId, x.InterviewerId });
        b.Property(x => x.Answers).HasMaxLength(20000);
        b.HasOne<SelectionMeeting>().WithMany().HasForeignKey(x => x.SelectionMeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Applicant>().WithMany().HasForeignKey(x => x.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.InterviewerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvaluationReminderConfiguration : IEntityTypeConfiguration<EvaluationReminder>
{
    public void Configure(EntityTypeBuilder<EvaluationReminder> b)
    {
        b.HasIndex(x => new { x.ScheduleId, x.ApplicantId, x.InterviewerId }).IsUnique();
        b.HasOne<Schedule>().WithMany().HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Applicant>().WithMany().HasForeignKey(x => x.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.InterviewerId).OnDelete(DeleteBehavior.Cascade);
    }
}
