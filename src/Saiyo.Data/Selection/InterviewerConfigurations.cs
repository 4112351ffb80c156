using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
