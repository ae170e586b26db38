using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Stock;

namespace Sophia.Model.Provisioning;

internal sealed class PhoneUploadConfiguration : IEntityTypeConfiguration<PhoneUpload>
{
    public void Configure(EntityTypeBuilder<PhoneUpload> builder)
    {
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.File).HasMaxLength(64);
        builder.Property(u => u.SourceIp).HasMaxLength(64);
        // Deleted with the equipment by the database: a phone's uploads are its owner's, like its registration history.
        builder.HasOne<Equipment>().WithMany().HasForeignKey(u => u.EquipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => new { u.EquipmentId, u.Kind, u.At });
        builder.HasIndex(u => u.At);
    }
}
