using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Provisioning;

internal sealed class UnknownDeviceConfiguration : IEntityTypeConfiguration<UnknownDevice>
{
    public void Configure(EntityTypeBuilder<UnknownDevice> builder) => builder.HasIndex(d => d.Mac).IsUnique();
}
