using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Stock;

internal sealed class DectHandsetConfiguration : IEntityTypeConfiguration<DectHandset>
{
    public void Configure(EntityTypeBuilder<DectHandset> builder)
    {
        builder.HasIndex(h => new { h.EquipmentId, h.Number }).IsUnique();
        builder.HasIndex(h => h.UserId);
        // The handsets go with their base; a user with a handset is freed from it before being deleted.
        builder.HasOne(h => h.Equipment).WithMany().HasForeignKey(h => h.EquipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(h => h.User).WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
