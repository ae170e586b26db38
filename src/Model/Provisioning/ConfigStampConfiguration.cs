using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Parc;

namespace Sophia.Model.Provisioning;

internal sealed class ConfigStampConfiguration : IEntityTypeConfiguration<ConfigStamp>
{
    public void Configure(EntityTypeBuilder<ConfigStamp> builder)
    {
        builder.HasKey(s => s.ClientId);
        builder.Property(s => s.ClientId).ValueGeneratedNever();
        builder.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
