using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Registration.Kamailio;

namespace Sophia.Registration.Registrar;

/// <summary>One registrar and the clients it serves; a reconciliation reads it once for all of them.</summary>
/// <param name="Source">Null: no registrar, phones are probed with OPTIONS.</param>
/// <param name="Domains">The SIP domains configured to this source, lower-case.</param>
/// <param name="ServesUnlisted">The global default: it also serves every client without an entry.</param>
public sealed record RegistrarGroup(IRegistrarSource? Source, IReadOnlyList<string> Domains, bool ServesUnlisted);

/// <summary>
/// Which registrar serves which client (<see cref="RegistrarSelectionOptions"/>): by the client's SIP domain, else the
/// global default. A null source means OPTIONS only. Clients configured to the same Kamailio (same RPC URL and table)
/// share one source, so it is dumped once.
/// </summary>
public sealed class RegistrarDirectory
{
    private readonly Dictionary<string, IRegistrarSource?> clients;

    /// <param name="defaultSource">The registrar of every client without an entry; null: OPTIONS only.</param>
    /// <param name="clients">Per SIP domain, its registrar or null for OPTIONS only.</param>
    public RegistrarDirectory(IRegistrarSource? defaultSource, IReadOnlyDictionary<string, IRegistrarSource?>? clients = null)
    {
        Default = defaultSource;
        this.clients = new Dictionary<string, IRegistrarSource?>(StringComparer.Ordinal);
        foreach (var (domain, source) in clients ?? new Dictionary<string, IRegistrarSource?>())
        {
            this.clients.Add(Normalize(domain), source);
        }
        Groups = Group(defaultSource, this.clients);
    }

    /// <summary>The global default registrar; null: OPTIONS only.</summary>
    public IRegistrarSource? Default { get; }

    /// <summary>The SIP domains with an entry of their own, lower-case.</summary>
    public IReadOnlyCollection<string> ConfiguredDomains => clients.Keys;

    /// <summary>
    /// Each distinct source with the domains it serves: registrars first, the default among them, OPTIONS last.
    /// Exactly one group serves the unlisted clients.
    /// </summary>
    public IReadOnlyList<RegistrarGroup> Groups { get; }

    /// <summary>The registrar of the client whose SIP domain this is; null: OPTIONS only.</summary>
    public IRegistrarSource? For(string sipDomain) => clients.Count > 0 && clients.TryGetValue(Normalize(sipDomain), out var source) ? source : Default;

    /// <summary>The registrar of one client, by its id; null: OPTIONS only.</summary>
    public async Task<IRegistrarSource?> ForClientAsync(SophiaDb db, int clientId, CancellationToken cancellationToken = default)
    {
        if (clients.Count == 0)
        {
            return Default;
        }
        var domain = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.SipDomain).FirstOrDefaultAsync(cancellationToken);
        return domain is null ? Default : For(domain);
    }

    /// <summary>The directory the configuration describes, one <see cref="KamailioRpcClient"/> per distinct RPC URL and table.</summary>
    public static RegistrarDirectory Create(KamailioRegistrars kamailio, KamailioOptions global, RegistrarSelectionOptions selection)
    {
        var byEndpoint = new Dictionary<string, IRegistrarSource>(StringComparer.Ordinal);
        IRegistrarSource Kamailio(Uri rpcUrl, string table)
        {
            // Clients naming the same URL and table share one source, so one dump serves them all.
            var key = $"{rpcUrl.AbsoluteUri} {table}";
            if (!byEndpoint.TryGetValue(key, out var source))
            {
                byEndpoint[key] = source = kamailio.Create(rpcUrl, table);
            }
            return source;
        }

        var defaultSource = global.RpcUrl is { } url ? Kamailio(url, global.Table) : null;
        var clients = selection.Clients.ToDictionary(
            c => c.Key,
            c => c.Value.OptionsOnly ? null : Kamailio(c.Value.RpcUrl!, c.Value.Table ?? global.Table),
            StringComparer.OrdinalIgnoreCase);
        return new RegistrarDirectory(defaultSource, clients);
    }

    /// <summary>How a source reads in logs and run reports: its name and, for a Kamailio, its address (never credentials).</summary>
    public static string Describe(IRegistrarSource? source) => source switch
    {
        null => States.RegistrationStateMachine.OptionsSource,
        KamailioRpcClient kamailio => $"{kamailio.Name} {kamailio.RpcUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)}",
        _ => source.Name,
    };

    private static string Normalize(string domain) => domain.Trim().ToLowerInvariant();

    private static List<RegistrarGroup> Group(IRegistrarSource? defaultSource, Dictionary<string, IRegistrarSource?> clients)
    {
        var registrars = new List<(IRegistrarSource Source, List<string> Domains)>();
        var optionsDomains = new List<string>();
        if (defaultSource is not null)
        {
            registrars.Add((defaultSource, []));
        }
        foreach (var (domain, source) in clients.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (source is null)
            {
                optionsDomains.Add(domain);
                continue;
            }
            var index = registrars.FindIndex(r => ReferenceEquals(r.Source, source));
            if (index < 0)
            {
                registrars.Add((source, [domain]));
            }
            else
            {
                registrars[index].Domains.Add(domain);
            }
        }
        var groups = registrars.Select(r => new RegistrarGroup(r.Source, r.Domains, ReferenceEquals(r.Source, defaultSource))).ToList();
        if (defaultSource is null || optionsDomains.Count > 0)
        {
            groups.Add(new RegistrarGroup(null, optionsDomains, ServesUnlisted: defaultSource is null));
        }
        return groups;
    }
}
