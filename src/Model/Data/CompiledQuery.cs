using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Sophia.Model.Data;

/// <summary>
/// A query of the provisioning hot path, compiled once: EF Core's per-execution work (parameter extraction and the
/// query-cache lookup, which hashes and compares the whole expression tree) costs more than the query itself.
/// A compiled query is bound to the model, so the provider and the secret columns' keys, of the first context it runs
/// on: it is compiled once per model, or a process holding SQLite and PostgreSQL contexts (the tests, a migration tool)
/// would run SQLite's SQL on PostgreSQL, and two hosts (the tests) would share a model built for one's keys. Weakly
/// held: a host's model goes with the host.
/// </summary>
public sealed class CompiledQuery<TArg, TResult>(Expression<Func<SophiaDb, TArg, CancellationToken, TResult>> query)
{
    private readonly ConditionalWeakTable<IModel, Func<SophiaDb, TArg, CancellationToken, Task<TResult>>> compiled = new();

    public Task<TResult> RunAsync(SophiaDb db, TArg argument, CancellationToken ct) =>
        compiled.GetValue(db.Model, _ => EF.CompileAsyncQuery(query))(db, argument, ct);
}

/// <summary>As <see cref="CompiledQuery{TArg, TResult}"/>, for a query of many rows.</summary>
public sealed class CompiledListQuery<TArg, TResult>(Expression<Func<SophiaDb, TArg, IQueryable<TResult>>> query)
{
    private readonly ConditionalWeakTable<IModel, Func<SophiaDb, TArg, IAsyncEnumerable<TResult>>> compiled = new();

    public async Task<List<TResult>> ToListAsync(SophiaDb db, TArg argument, CancellationToken ct)
    {
        var rows = new List<TResult>();
        await foreach (var row in compiled.GetValue(db.Model, _ => EF.CompileAsyncQuery(query))(db, argument).WithCancellation(ct))
        {
            rows.Add(row);
        }
        return rows;
    }
}
