using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Accounts;

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.Role).HasConversion<string>();
    }
}
