using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saiyo.Data.Companies;
using Saiyo.Data.Selection;

namespace Saiyo.Data.Applicants;

internal sealed class ApplicantConfiguration : IEntityTypeConfiguration<Applicant>
{
    public void Configure(EntityTypeBuilder<Applicant> b)
    {
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CompanyId, x.CreatedAtUtc });
        b.HasIndex(x => new { x.CompanyId, x.Email });
        b.HasIndex(x => x.MyPageTokenHash).IsUnique();
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Kana).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Organization).HasMaxLength(200);
        b.Property(x => x.Language).HasMaxLength(8);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.MyPageTokenHash).HasMaxLength(64);
        b.Property(x => x.ProtectedMyPageToken).HasMaxLength(1000);
        b.HasMany(x => x.Invitations).WithOne().HasForeignKey(i => i.ApplicantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicantInvitationConfiguration : IEntityTypeConfiguration<ApplicantInvitation>
{
    public void Configure(EntityTypeBuilder<ApplicantInvitation> b)
    {
        b.HasIndex(x => new { x.ApplicantId, x.SelectionMeetingId }).IsUnique();
        b.HasIndex(x => new { x.CompanyId, x.SelectionMeetingId });
        b.HasOne<SelectionMeeting>().WithMany().HasForeignKey(x => x.SelectionMeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> b)
    {
        b.HasOne<Applicant>().WithMany().HasForeignKey(x => x.ApplicantId).OnDelete(DeleteBehavior.Cascade);
        // A 日程 row goes only after its bookings were cancelled (and mailed) by the delete; the rows follow it.
        b.HasOne<Schedule>().WithMany().HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        // One active booking per applicant and schedule; cancelled rows (marker null) do not count.
        b.HasIndex(x => new { x.ApplicantId, x.ScheduleId, x.ActiveMarker }).IsUnique();
        b.HasIndex(x => new { x.CompanyId, x.ScheduleId });
        // 「予約できる数」: one active booking per applicant and scope (null scopes, i.e. unlimited or cancelled, do not count).
        b.HasIndex(x => new { x.ApplicantId, x.LimitScopeId }).IsUnique();
        b.Property(x => x.NoticeKind).HasMaxLength(20);
        b.Property(x => x.RegistrantId).HasMaxLength(100);
        b.Property(x => x.PersonalJoinUrl).HasMaxLength(1000);
        b.Property(x => x.MailedJoinUrl).HasMaxLength(1000);
        b.Property(x => x.LinkError).HasMaxLength(500);
    }
}
