using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saiyo.Data.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(x => new { x.CompanyId, x.AtUtc });
        b.Property(x => x.ActorName).HasMaxLength(200);
        b.Property(x => x.Action).HasMaxLength(100);
        b.Property(x => x.Detail).HasMaxLength(1000);
        b.Property(x => x.Parameters).HasMaxLength(2000);
        b.Property(x => x.IpAddress).HasMaxLength(64);
    }
}
