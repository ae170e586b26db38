using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Parc;

namespace Sophia.Model.Contacts;

internal sealed class PersonalContactConfiguration : IEntityTypeConfiguration<PersonalContact>
{
    public void Configure(EntityTypeBuilder<PersonalContact> builder)
    {
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
