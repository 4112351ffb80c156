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
        b.Property(x => x.Venue).HasMaxLength(1000);
        b.Property(x => x.PoolHostExternalUserId).HasMaxLength(100);
        // A hosting 面接官 who leaves the company: the 日程 falls back to the イベント's 面接官.
        b.HasOne<Saiyo.Data.Staff.StaffUser>().WithMany().HasForeignKey(x => x.HostInterviewerId).OnDelete(DeleteBehavior.SetNull);
        // Only the few 日程 whose booking change is not yet in the interviewers' calendars are in this index.
        b.HasIndex(x => x.InterviewersDue).HasFilter("\"InterviewersDue\"");
        // Owned in the same row (owned rather than complex types: EF Core 10 indexes no complex property), under
        // the columns they had as plain properties; the claims and version bumps are conditional UPDATEs on this row.
        b.OwnsOne(x => x.Meeting, m =>
        {
            m.Property(x => x.State).HasColumnName("MeetingState");
            m.Property(x => x.WantedVersion).HasColumnName("WantedVersion").IsConcurrencyToken();
            m.Property(x => x.AppliedVersion).HasColumnName("AppliedVersion");
            m.Property(x => x.ZoomId).HasColumnName("ZoomMeetingId");
            m.Property(x => x.ZoomUuid).HasColumnName("ZoomMeetingUuid").HasMaxLength(100);
            m.Property(x => x.JoinUrl).HasColumnName("JoinUrl").HasMaxLength(1000);
            m.Property(x => x.ProtectedPasscode).HasColumnName("ProtectedPasscode").HasMaxLength(1000);
            m.Property(x => x.ReconciliationTag).HasColumnName("ReconciliationTag").HasMaxLength(64);
            m.Property(x => x.ReconcileFirst).HasColumnName("ReconcileFirst");
            m.Property(x => x.Host).HasColumnName("HostOfMeeting").HasMaxLength(100);
            m.Property(x => x.LastError).HasColumnName("LastError").HasMaxLength(1000);
            m.Property(x => x.DeletedOnZoomAtUtc).HasColumnName("DeletedOnZoomAtUtc");
            m.Property(x => x.NextAttemptAtUtc).HasColumnName("NextAttemptAtUtc");
            m.Property(x => x.ClaimedBy).HasColumnName("ClaimedBy").HasMaxLength(100);
            m.Property(x => x.ClaimedUntilUtc).HasColumnName("ClaimedUntilUtc");
            m.Property(x => x.Attempts).HasColumnName("Attempts");
            m.Property(x => x.IssuedAtUtc).HasColumnName("IssuedAtUtc");
            m.HasIndex(x => x.NextAttemptAtUtc);
            m.HasIndex(x => x.ZoomId);
        });
        b.Navigation(x => x.Meeting).IsRequired();
        b.OwnsOne(x => x.Attendance, a =>
        {
            a.Property(x => x.MeetingEndedAtUtc).HasColumnName("MeetingEndedAtUtc");
            a.Property(x => x.State).HasColumnName("AttendanceState");
            a.Property(x => x.NextAttemptAtUtc).HasColumnName("AttendanceNextAttemptAtUtc");
            a.Property(x => x.ClaimedUntilUtc).HasColumnName("AttendanceClaimedUntilUtc");
            a.Property(x => x.Attempts).HasColumnName("AttendanceAttempts");
            a.Property(x => x.Error).HasColumnName("AttendanceError").HasMaxLength(500);
        });
        b.Navigation(x => x.Attendance).IsRequired();
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
