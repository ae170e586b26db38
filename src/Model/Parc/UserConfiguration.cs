using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Secrets;

namespace Sophia.Model.Parc;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasIndex(u => u.Login).IsUnique();
        builder.HasIndex(u => new { u.ClientId, u.SipUsername }).IsUnique();
        builder.HasIndex(u => new { u.ClientId, u.LastName });
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.Property(u => u.SipPassword).IsSecret();
        builder.Property(u => u.AccountType).HasConversion<string>();
        builder.HasOne(u => u.Site).WithMany().HasForeignKey(u => u.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(u => u.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(u => u.FunctionKeys).WithOne().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(u => u.CallRestrictionProfile).WithMany().HasForeignKey(u => u.CallRestrictionProfileId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(u => u.DisplayName);
    }
}
