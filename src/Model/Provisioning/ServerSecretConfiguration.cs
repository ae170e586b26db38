using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Provisioning;

internal sealed class ServerSecretConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> builder) => builder.HasKey(s => s.Name);
}
