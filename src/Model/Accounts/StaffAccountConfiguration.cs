using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Secrets;

namespace Sophia.Model.Accounts;

internal sealed class StaffAccountConfiguration : IEntityTypeConfiguration<StaffAccount>
{
    public void Configure(EntityTypeBuilder<StaffAccount> builder)
    {
        builder.HasIndex(a => a.Login).IsUnique();
        builder.Property(a => a.Role).HasConversion<string>();
        builder.Property(a => a.TotpSecret).IsSecret();
    }
}
