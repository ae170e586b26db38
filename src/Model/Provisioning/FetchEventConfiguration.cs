using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Provisioning;

internal sealed class FetchEventConfiguration : IEntityTypeConfiguration<FetchEvent>
{
    public void Configure(EntityTypeBuilder<FetchEvent> builder)
    {
        builder.HasIndex(f => new { f.Mac, f.At });
        builder.HasIndex(f => f.At);
        builder.Property(f => f.Protocol).HasConversion<string>();
        builder.Property(f => f.Authentication).HasMaxLength(24);
    }
}
