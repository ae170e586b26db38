using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Sophia.Model.Data;

/// <summary>
/// One SQL statement prepared once and run for many rows inside the current transaction: the registration store and
/// the fetch log write thousands of rows, and EF's per-row <c>ExecuteUpdate</c> or tracked inserts cost ten times more
/// than the statement itself. Table, columns, quoting and value conversions come from the EF model, so the same code
/// serves SQLite and PostgreSQL.
/// </summary>
public sealed class StoreCommand : IAsyncDisposable
{
    private readonly DbCommand command;
    private readonly (DbParameter Parameter, Func<object?, object?> Convert)[] parameters;

    private StoreCommand(DbCommand command, (DbParameter, Func<object?, object?>)[] parameters)
    {
        this.command = command;
        this.parameters = parameters;
    }

    /// <summary><c>UPDATE table SET set… WHERE key = …</c>; values are given in the order of <paramref name="set"/>, then the key.</summary>
    public static StoreCommand Update<T>(SophiaDb db, IReadOnlyList<string> set, string key)
        where T : class
    {
        var (table, sql, columns) = Describe<T>(db);
        var text = $"UPDATE {table} SET {string.Join(", ", set.Select((p, i) => $"{columns(p)} = {sql.GenerateParameterNamePlaceholder($"p{i}")}"))} "
            + $"WHERE {columns(key)} = {sql.GenerateParameterNamePlaceholder($"p{set.Count}")}";
        return Create<T>(db, text, [.. set, key]);
    }

    /// <summary><c>INSERT INTO table (columns…) VALUES (…)</c>.</summary>
    public static StoreCommand Insert<T>(SophiaDb db, IReadOnlyList<string> properties)
        where T : class
    {
        var (table, sql, columns) = Describe<T>(db);
        var text = $"INSERT INTO {table} ({string.Join(", ", properties.Select(columns))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")))})";
        return Create<T>(db, text, properties);
    }

    public async Task<int> ExecuteAsync(object?[] values, CancellationToken cancellationToken)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Parameter.Value = parameters[i].Convert(values[i]) ?? DBNull.Value;
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();

    private static (string Table, ISqlGenerationHelper Sql, Func<string, string> Columns) Describe<T>(SophiaDb db)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        return (sql.DelimitIdentifier(store.Name, store.Schema), sql,
            name => sql.DelimitIdentifier(entity.FindProperty(name)!.GetColumnName(store)!));
    }

    private static StoreCommand Create<T>(SophiaDb db, string text, IReadOnlyList<string> properties)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var bound = new (DbParameter, Func<object?, object?>)[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var mapping = (RelationalTypeMapping)entity.FindProperty(properties[i])!.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, sql.GenerateParameterName($"p{i}"), value: null, nullable: true);
            command.Parameters.Add(parameter);
            var converter = mapping.Converter;
            bound[i] = (parameter, converter is null ? v => v : v => v is null ? null : converter.ConvertToProvider(v));
        }
        return new StoreCommand(command, bound);
    }
}
