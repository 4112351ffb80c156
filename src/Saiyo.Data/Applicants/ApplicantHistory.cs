using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saiyo.Data.Applicants;

/// <summary>
/// One staff action on an applicant for their timeline (招待, 代行予約, 合否, …), with who acted. What the applicant or a
/// worker does is read from its own rows (bookings, evaluations, mails); this keeps what those rows overwrite or do not say.
/// </summary>
public class ApplicantEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid ApplicantId { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>A stable code, e.g. "result.set"; the page translates it.</summary>
    public required string Kind { get; set; }
    /// <summary>What it was about, in the words of the moment (a 選考会's name, an outcome code).</summary>
    public string? Detail { get; set; }
    public string? ActorName { get; set; }
}

/// <summary>A staff member's named filter of 応募者一覧 (the list's query string), listed above the table.</summary>
public class SavedApplicantSearch
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid StaffUserId { get; set; }
    public required string Name { get; set; }
    public required string Query { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class ApplicantEventConfiguration : IEntityTypeConfiguration<ApplicantEvent>
{
    public void Configure(EntityTypeBuilder<ApplicantEvent> b)
    {
        b.HasIndex(x => new { x.ApplicantId, x.AtUtc });
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Detail).HasMaxLength(300);
        b.Property(x => x.ActorName).HasMaxLength(100);
        b.HasOne<Companies.Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Applicant>().WithMany().HasForeignKey(x => x.ApplicantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedApplicantSearchConfiguration : IEntityTypeConfiguration<SavedApplicantSearch>
{
    public void Configure(EntityTypeBuilder<SavedApplicantSearch> b)
    {
        b.HasIndex(x => new { x.StaffUserId, x.Name }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Query).HasMaxLength(2000);
        b.HasOne<Companies.Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Staff.StaffUser>().WithMany().HasForeignKey(x => x.StaffUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
