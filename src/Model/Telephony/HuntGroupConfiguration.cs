using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Telephony;

internal sealed class HuntGroupConfiguration : IEntityTypeConfiguration<HuntGroup>
{
    public void Configure(EntityTypeBuilder<HuntGroup> builder)
    {
        builder.HasIndex(g => g.Address).IsUnique();
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.HuntGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
