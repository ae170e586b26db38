using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sophia.Model.Data;

// Used by `dotnet ef migrations add` only; each provider keeps its own migration set.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSophiaDb>
{
    public SqliteSophiaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSophiaDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSophiaDb>
{
    public PostgresSophiaDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSophiaDb>().UseNpgsql("Host=localhost;Database=sophia_design").Options);
}
