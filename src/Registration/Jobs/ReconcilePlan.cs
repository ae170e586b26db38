using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Registration.Registrar;
using Sophia.Registration.Store;

namespace Sophia.Registration.Jobs;

/// <summary>One part of a reconciliation: a source (null: the OPTIONS sweep) and the phones it answers for.</summary>
/// <param name="Domains">The configured SIP domains it serves that name a client.</param>
/// <param name="ServesUnlisted">Whether it also serves every client without an entry (the global default).</param>
public sealed record ReconcilePart(IRegistrarSource? Source, DeviceScope Scope, IReadOnlyList<string> Domains, bool ServesUnlisted);

/// <summary>The parts of one reconciliation, and the configured domains that name no client.</summary>
public sealed record ReconcilePlan(IReadOnlyList<ReconcilePart> Parts, IReadOnlyList<string> UnknownDomains)
{
    /// <summary>
    /// Turns the directory's groups into scopes over client ids. Without per-client entries this is one part over every
    /// phone, without touching the database. The default part sees every client not configured elsewhere, so a client
    /// created later is served at once; a part whose domains name no client is left out (there is nothing to ask it).
    /// </summary>
    public static async Task<ReconcilePlan> ResolveAsync(SophiaDb db, RegistrarDirectory registrars, CancellationToken cancellationToken = default)
    {
        if (registrars.ConfiguredDomains.Count == 0)
        {
            var only = registrars.Groups.Single();
            return new ReconcilePlan([new ReconcilePart(only.Source, DeviceScope.All, [], ServesUnlisted: true)], []);
        }
        var domains = registrars.ConfiguredDomains.ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => domains.Contains(c.SipDomain.ToLower()))
            .Select(c => new { c.Id, c.SipDomain }).ToListAsync(cancellationToken);
        var idOf = clients.ToDictionary(c => c.SipDomain.ToLowerInvariant(), c => c.Id, StringComparer.Ordinal);

        var parts = new List<ReconcilePart>();
        foreach (var group in registrars.Groups)
        {
            var known = group.Domains.Where(idOf.ContainsKey).ToList();
            if (group.ServesUnlisted)
            {
                var elsewhere = registrars.Groups.Where(g => !ReferenceEquals(g, group)).SelectMany(g => g.Domains).Where(idOf.ContainsKey).Select(d => idOf[d]);
                parts.Add(new ReconcilePart(group.Source, DeviceScope.AllBut(elsewhere), known, ServesUnlisted: true));
            }
            else if (known.Count > 0)
            {
                parts.Add(new ReconcilePart(group.Source, DeviceScope.Only(known.Select(d => idOf[d])), known, ServesUnlisted: false));
            }
        }
        return new ReconcilePlan(parts, [.. domains.Where(d => !idOf.ContainsKey(d)).Order(StringComparer.Ordinal)]);
    }
}
