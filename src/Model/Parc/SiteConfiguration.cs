using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Parc;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.HasIndex(s => new { s.ClientId, s.Name }).IsUnique();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
