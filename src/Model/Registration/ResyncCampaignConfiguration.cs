using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Parc;

namespace Sophia.Model.Registration;

internal sealed class ResyncCampaignConfiguration : IEntityTypeConfiguration<ResyncCampaign>
{
    public void Configure(EntityTypeBuilder<ResyncCampaign> builder)
    {
        builder.Property(c => c.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Targets).WithOne().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.State, c.CreatedAt });
    }
}
