using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sophia.Model.Parc;

internal sealed class OperatorConfiguration : IEntityTypeConfiguration<Operator>
{
    // Sophia runs for one operator; its row exists from the first migration on, renamed in the console or by the demo.
    public void Configure(EntityTypeBuilder<Operator> builder) =>
        builder.HasData(new Operator { Id = 1, Name = "Operator" });
}
