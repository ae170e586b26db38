using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // One index per filter of the journal, each ending with the date it is read in (newest first).
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.ObjectType, a.ObjectId, a.At });
        builder.HasIndex(a => new { a.ActorLogin, a.At });
        builder.HasIndex(a => new { a.ClientId, a.At });
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ActorLogin).HasMaxLength(320);
        builder.Property(a => a.ActorRole).HasMaxLength(32);
        builder.Property(a => a.ActorAddress).HasMaxLength(64);
        builder.Property(a => a.ObjectType).HasMaxLength(64);
        builder.Property(a => a.ObjectId).HasMaxLength(64);
    }
}
