using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saiyo.Data.Applicants;

namespace Saiyo.Data.Selection;

/// <summary>選考ステップ: one step of a company's 選考フロー (e.g. 一次面接), in <see cref="Order"/>.</summary>
public class SelectionStep
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
}

/// <summary>合否.</summary>
public enum SelectionOutcome
{
    Pass = 0,
    Hold = 1,
    Reject = 2,
}

/// <summary>The 合否 of one applicant in one 選考会 (one row, changed in place).</summary>
public class SelectionResult
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid SelectionMeetingId { get; set; }
    public Guid ApplicantId { get; set; }
    public SelectionOutcome Outcome { get; set; }
    /// <summary>On 通過: the 選考会 the applicant was invited to.</summary>
    public Guid? NextSelectionMeetingId { get; set; }
    public bool Mailed { get; set; }
    /// <summary>The outbox row of its mail: a 不合格 mail due at a chosen time can be withdrawn until it is claimed for sending.</summary>
    public Guid? MailId { get; set; }
    public DateTime SetAtUtc { get; set; }
    /// <summary>Display name of the staff member who set it.</summary>
    public string? SetBy { get; set; }
}

internal sealed class SelectionStepConfiguration : IEntityTypeConfiguration<SelectionStep>
{
    public void Configure(EntityTypeBuilder<SelectionStep> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.CompanyId, x.Order });
        b.HasOne<Companies.Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SelectionResultConfiguration : IEntityTypeConfiguration<SelectionResult>
{
    public void Configure(EntityTypeBuilder<SelectionResult> b)
    {
        b.HasIndex(x => new { x.SelectionMeetingId, x.ApplicantId }).IsUnique();
        b.HasIndex(x => new { x.CompanyId, x.ApplicantId });
        b.Property(x => x.SetBy).HasMaxLength(100);
        b.HasOne<SelectionMeeting>().WithMany().HasForeignKey(x => x.SelectionMeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Applicant>().WithMany().HasForeignKey(x => x.ApplicantId).OnDelete(DeleteBehavior.Cascade);
    }
}
