using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saiyo.Data.Companies;

namespace Saiyo.Data.Integrations;

internal sealed class VideoLinkageConfiguration : IEntityTypeConfiguration<VideoLinkage>
{
    public void Configure(EntityTypeBuilder<VideoLinkage> b)
    {
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CompanyId, x.Provider }).IsUnique();
        // One Zoom account links to one company at most.
        b.HasIndex(x => new { x.Provider, x.ExternalAccountId }).IsUnique();
        b.Property(x => x.ExternalAccountId).HasMaxLength(100);
        b.Property(x => x.ExternalAccountName).HasMaxLength(200);
        b.Property(x => x.AuthorizedByName).HasMaxLength(100);
        b.Property(x => x.AuthorizedByExternalEmail).HasMaxLength(320);
        b.Property(x => x.Scopes).HasMaxLength(2000);
        b.Property(x => x.ApiUrl).HasMaxLength(300);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.LastReconciliationError).HasMaxLength(100);
        b.Property(x => x.TokenVersion).IsConcurrencyToken();
        b.HasMany(x => x.Users).WithOne().HasForeignKey(u => u.LinkageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExternalVideoUserConfiguration : IEntityTypeConfiguration<ExternalVideoUser>
{
    public void Configure(EntityTypeBuilder<ExternalVideoUser> b)
    {
        b.HasIndex(x => new { x.LinkageId, x.ExternalUserId }).IsUnique();
        b.HasIndex(x => x.CompanyId);
        b.Property(x => x.ExternalUserId).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(320);
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.Property(x => x.TimeZone).HasMaxLength(64);
    }
}

internal sealed class OAuthAuthorizationConfiguration : IEntityTypeConfiguration<OAuthAuthorization>
{
    public void Configure(EntityTypeBuilder<OAuthAuthorization> b)
    {
        b.HasIndex(x => x.StateHash).IsUnique();
        b.Property(x => x.StateHash).HasMaxLength(64);
        b.Property(x => x.BrowserBindingHash).HasMaxLength(64);
        b.HasIndex(x => x.ExpiresAtUtc);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(x => x.Id).HasMaxLength(64);
        b.HasIndex(x => x.ExpiresAtUtc);
    }
}

internal sealed class ZoomCallPacingConfiguration : IEntityTypeConfiguration<ZoomCallPacing>
{
    public void Configure(EntityTypeBuilder<ZoomCallPacing> b)
    {
        b.HasKey(x => new { x.LinkageId, x.Category });
        b.Property(x => x.Category).HasMaxLength(16);
        b.HasOne<VideoLinkage>().WithMany().HasForeignKey(x => x.LinkageId).OnDelete(DeleteBehavior.Cascade);
    }
}
