using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Provisioning;

internal sealed class TemplateOverrideConfiguration : IEntityTypeConfiguration<TemplateOverride>
{
    public void Configure(EntityTypeBuilder<TemplateOverride> builder)
    {
        builder.HasKey(o => o.Name);
        builder.Property(o => o.Name).HasMaxLength(100);
        builder.Property(o => o.ChangedBy).HasMaxLength(200);
        builder.Property(o => o.Version).IsConcurrencyToken();
    }
}
