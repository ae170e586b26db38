using System.ComponentModel.DataAnnotations;

namespace Sophia.Model.Data;

/// <summary>Where the parc lives: <c>Sophia:Database</c>. SQLite in the data directory unless told otherwise.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Sophia:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite, empty means <c>sophia.db</c> in <c>Sophia:DataDirectory</c>.</summary>
    public string? ConnectionString { get; set; }

    [Required]
    public string DataDirectory { get; set; } = "data";
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
