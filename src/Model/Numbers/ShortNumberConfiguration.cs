using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Parc;
using Sophia.Model.Telephony;

namespace Sophia.Model.Numbers;

internal sealed class ShortNumberConfiguration : IEntityTypeConfiguration<ShortNumber>
{
    public void Configure(EntityTypeBuilder<ShortNumber> builder)
    {
        builder.HasIndex(s => new { s.ClientId, s.Digits }).IsUnique();
        builder.HasOne<Number>().WithMany().HasForeignKey(s => s.NumberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.ExternalContact).WithMany().HasForeignKey(s => s.ExternalContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HuntGroup>().WithMany().HasForeignKey(s => s.HuntGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
