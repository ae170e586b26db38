using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Registration;

internal sealed class RegistrationStatusConfiguration : IEntityTypeConfiguration<RegistrationStatus>
{
    public void Configure(EntityTypeBuilder<RegistrationStatus> builder)
    {
        builder.HasKey(s => s.EquipmentId);
        builder.Property(s => s.EquipmentId).ValueGeneratedNever();
        builder.HasOne(s => s.Equipment).WithOne().HasForeignKey<RegistrationStatus>(s => s.EquipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Aor).HasMaxLength(320);
        builder.Property(s => s.AorUser).HasMaxLength(256);
        builder.Property(s => s.State).HasMaxLength(16);
        builder.Property(s => s.LastResyncOutcome).HasMaxLength(16);
        builder.HasIndex(s => s.Aor);
        builder.HasIndex(s => s.AorUser);
        builder.HasIndex(s => s.State);
    }
}
