using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saiyo.Data.Mail;

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> b)
    {
        b.HasIndex(x => new { x.State, x.NextAttemptAtUtc });
        b.HasIndex(x => new { x.CompanyId, x.CreatedAtUtc });
        b.HasIndex(x => new { x.ApplicantId, x.CreatedAtUtc });
        b.Property(x => x.To).HasMaxLength(320);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.ClaimedBy).HasMaxLength(100);
        b.Property(x => x.RenderKind).HasMaxLength(40);
        b.Property(x => x.Language).HasMaxLength(8);
        b.Property(x => x.JoinUrl).HasMaxLength(1000);
    }
}

internal sealed class MailTemplateConfiguration : IEntityTypeConfiguration<MailTemplate>
{
    public void Configure(EntityTypeBuilder<MailTemplate> b)
    {
        b.HasOne<Companies.Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CompanyId, x.Kind, x.Language }).IsUnique();
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Language).HasMaxLength(8);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.Body).HasMaxLength(8000);
        b.Property(x => x.UpdatedBy).HasMaxLength(200);
    }
}
