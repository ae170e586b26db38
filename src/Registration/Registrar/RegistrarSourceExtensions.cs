using System.Collections.Concurrent;

namespace Sophia.Registration.Registrar;

public static class RegistrarSourceExtensions
{
    /// <summary>
    /// Looks up a batch of AORs, a few at a time: the way to ask about some devices without a full dump
    /// (a full <c>ul.dump</c> is built whole in Kamailio's private memory, which is costly on a large table).
    /// Each AOR gets an observation; a registrar that fails gives Unavailable for the AORs it failed on.
    /// </summary>
    public static async Task<IReadOnlyDictionary<SipAor, RegistrarObservation>> LookupManyAsync(
        this IRegistrarSource source, IEnumerable<SipAor> aors, int maxParallel = 8, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        var results = new ConcurrentDictionary<SipAor, RegistrarObservation>();
        await Parallel.ForEachAsync(
            aors.Distinct(),
            new ParallelOptions { MaxDegreeOfParallelism = maxParallel, CancellationToken = cancellationToken },
            async (aor, token) => results[aor] = await source.LookupAsync(aor, token));
        return results;
    }
}
