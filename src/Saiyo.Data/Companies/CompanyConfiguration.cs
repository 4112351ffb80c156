using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saiyo.Data.Companies;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.TimeZoneId).HasMaxLength(64);
        b.HasIndex(c => c.Name);
        b.Property(c => c.MailSenderName).HasMaxLength(100);
        b.Property(c => c.MailContact).HasMaxLength(300);
    }
}
