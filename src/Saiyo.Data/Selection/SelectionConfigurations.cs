using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saiyo.Data.Companies;

namespace Saiyo.Data.Selection;

internal sealed class SelectionMeetingConfiguration : IEntityTypeConfiguration<SelectionMeeting>
{
    public void Configure(EntityTypeBuilder<SelectionMeeting> b)
    {
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CompanyId, x.CreatedAtUtc });
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Description).HasMaxLength(2000);
        // Events and schedules are removed by the pages (schedules with meetings become tombstones first).
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.SelectionMeetingId).OnDelete(DeleteBehavior.Restrict);
        // Removing a step leaves its 選考会 without one.
        b.HasOne<SelectionStep>().WithMany().HasForeignKey(x => x.StepId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class InterviewEventConfiguration : IEntityTypeConfiguration<InterviewEvent>
{
    public void Configure(EntityTypeBuilder<InterviewEvent> b)
    {
        b.HasIndex(x => new { x.CompanyId, x.SelectionMeetingId });
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.HostExternalUserId).HasMaxLength(100);
        b.Property(x => x.HostDisplayName).HasMaxLength(400);
        b.HasMany(x => x.Schedules).WithOne().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.PoolHosts).WithOne().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScheduleConfiguration : IEntityTypeConfiguration<Schedule>
{
    public void Configure(EntityTypeBuilder<Schedule> b)
    {
        b.HasIndex(x => new { x.CompanyId, x.EventId, x.StartUtc });
        b.HasIndex(x => new { x.NextAttemptAtUtc });
        b.HasIndex(x => x.ZoomMeetingId);
        b.Property(x => x.Venue).HasMaxLength(1000);
        b.Property(x => x.WantedVersion).IsConcurrencyToken();
        b.Property(x => x.JoinUrl).HasMaxLength(1000);
        b.Property(x => x.ZoomMeetingUuid).HasMaxLength(100);
        b.Property(x => x.ProtectedPasscode).HasMaxLength(1000);
        b.Property(x => x.ReconciliationTag).HasMaxLength(64);
        b.Property(x => x.HostOfMeeting).HasMaxLength(100);
        b.Property(x => x.PoolHostExternalUserId).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.AttendanceError).HasMaxLength(500);
        b.Property(x => x.ClaimedBy).HasMaxLength(100);
    }
}

internal sealed class HostQuotaUsageConfiguration : IEntityTypeConfiguration<HostQuotaUsage>
{
    public void Configure(EntityTypeBuilder<HostQuotaUsage> b)
    {
        b.HasIndex(x => new { x.CompanyId, x.HostExternalUserId, x.DayUtc }).IsUnique();
        b.Property(x => x.HostExternalUserId).HasMaxLength(100);
    }
}

internal sealed class EventPoolHostConfiguration : IEntityTypeConfiguration<EventPoolHost>
{
    public void Configure(EntityTypeBuilder<EventPoolHost> b)
    {
        b.HasKey(x => new { x.EventId, x.ExternalUserId });
        b.HasIndex(x => new { x.CompanyId, x.ExternalUserId });
        b.Property(x => x.ExternalUserId).HasMaxLength(100);
        b.Property(x => x.DisplayName).HasMaxLength(400);
    }
}

internal sealed class HostSlotConfiguration : IEntityTypeConfiguration<HostSlot>
{
    public void Configure(EntityTypeBuilder<HostSlot> b)
    {
        // The guarantee: one 日程 per host, slice and lane, whichever node saves.
        b.HasKey(x => new { x.CompanyId, x.HostExternalUserId, x.SliceUtc, x.Lane });
        b.Property(x => x.HostExternalUserId).HasMaxLength(100);
        b.HasIndex(x => x.ScheduleId);
        b.HasOne<Schedule>().WithMany().HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.Cascade);
    }
}
