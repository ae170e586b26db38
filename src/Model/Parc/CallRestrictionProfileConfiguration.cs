using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Parc;

internal sealed class CallRestrictionProfileConfiguration : IEntityTypeConfiguration<CallRestrictionProfile>
{
    public void Configure(EntityTypeBuilder<CallRestrictionProfile> builder)
    {
        builder.HasIndex(p => new { p.ClientId, p.Name }).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(64);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
