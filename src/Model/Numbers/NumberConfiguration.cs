using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Parc;
using Sophia.Model.Telephony;

namespace Sophia.Model.Numbers;

internal sealed class NumberConfiguration : IEntityTypeConfiguration<Number>
{
    public void Configure(EntityTypeBuilder<Number> builder)
    {
        builder.HasIndex(n => n.E164).IsUnique();
        builder.HasIndex(n => new { n.SiteId, n.E164 });
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(n => n.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ivr>().WithMany().HasForeignKey(n => n.IvrId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<HuntGroup>().WithMany().HasForeignKey(n => n.HuntGroupId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(n => n.Assignee);
    }
}
