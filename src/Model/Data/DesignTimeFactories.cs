using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sophia.Model.Data;

// Used by `dotnet ef migrations add` only; each provider keeps its own migration set.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSophiaDb>
{
    public SqliteSophiaDb CreateDbContext(string[] args) =>
        SophiaDbOptions.Sqlite("Data Source=design.db", TimeProvider.System);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSophiaDb>
{
    public PostgresSophiaDb CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresSophiaDb>)new DbContextOptionsBuilder<PostgresSophiaDb>().UseSophiaPostgres("Host=localhost;Database=sophia_design", TimeProvider.System).Options);
}
