using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Stock;

namespace Sophia.Model.Registration;

internal sealed class RegistrationHistoryEntryConfiguration : IEntityTypeConfiguration<RegistrationHistoryEntry>
{
    public void Configure(EntityTypeBuilder<RegistrationHistoryEntry> builder)
    {
        builder.Property(h => h.From).HasMaxLength(16);
        builder.Property(h => h.To).HasMaxLength(16);
        builder.HasOne<Equipment>().WithMany().HasForeignKey(h => h.EquipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.EquipmentId, h.At });
        builder.HasIndex(h => h.At);
    }
}
