using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Stock;

namespace Sophia.Model.Registration;

internal sealed class ResyncTargetConfiguration : IEntityTypeConfiguration<ResyncTarget>
{
    public void Configure(EntityTypeBuilder<ResyncTarget> builder)
    {
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Equipment>().WithMany().HasForeignKey(t => t.EquipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.CampaignId, t.EquipmentId }).IsUnique();
        builder.HasIndex(t => new { t.State, t.Id });
        builder.HasIndex(t => t.SentAt);
    }
}
