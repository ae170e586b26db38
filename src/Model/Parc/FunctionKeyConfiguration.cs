using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Parc;

internal sealed class FunctionKeyConfiguration : IEntityTypeConfiguration<FunctionKey>
{
    public void Configure(EntityTypeBuilder<FunctionKey> builder)
    {
        builder.HasIndex(k => new { k.UserId, k.Index }).IsUnique();
        builder.Property(k => k.Kind).HasConversion<string>();
        builder.HasOne(k => k.SupervisedUser).WithMany().HasForeignKey(k => k.SupervisedUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
