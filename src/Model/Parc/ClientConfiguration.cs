using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.Model.Secrets;

namespace Sophia.Model.Parc;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasIndex(c => c.SipDomain).IsUnique();
        builder.HasIndex(c => c.ProvisioningUser).IsUnique();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.ProvisioningPassword).IsSecret();
        builder.Property(c => c.RegistrarTransport).HasConversion<string>();
        builder.Property(c => c.DeviceCertificate).HasConversion<string>().HasMaxLength(16).HasDefaultValue(DeviceCertificatePolicy.Ignored);
        builder.HasOne<Operator>().WithMany().HasForeignKey(c => c.OperatorId);
        builder.HasMany(c => c.Sites).WithOne(s => s.Client).HasForeignKey(s => s.ClientId);
    }
}
