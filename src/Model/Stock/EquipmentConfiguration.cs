using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Parc;
using Sophia.Model.Secrets;

namespace Sophia.Model.Stock;

internal sealed class EquipmentConfiguration : IEntityTypeConfiguration<Equipment>
{
    public void Configure(EntityTypeBuilder<Equipment> builder)
    {
        builder.Property(e => e.Mac)
            .HasConversion(mac => mac.ToString(), text => MacAddress.Parse(text))
            .HasMaxLength(12);
        builder.HasIndex(e => e.Mac).IsUnique();
        builder.HasIndex(e => new { e.ClientId, e.SiteId });
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.ComplexProperty(e => e.Settings, settings => settings.Property(s => s.LockCode).IsSecret());
        builder.Property(e => e.ProvisioningPassword).IsSecret();
        builder.HasOne(e => e.Site).WithMany().HasForeignKey(e => e.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(e => e.Location);
    }
}
