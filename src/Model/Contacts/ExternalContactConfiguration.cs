using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Parc;

namespace Sophia.Model.Contacts;

internal sealed class ExternalContactConfiguration : IEntityTypeConfiguration<ExternalContact>
{
    public void Configure(EntityTypeBuilder<ExternalContact> builder)
    {
        builder.HasIndex(c => new { c.ClientId, c.LastName });
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId);
    }
}
