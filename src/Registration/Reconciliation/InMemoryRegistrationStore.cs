using System.Runtime.CompilerServices;
using Sophia.Registration.Registrar;
using Sophia.Registration.States;

namespace Sophia.Registration.Reconciliation;

/// <summary>
/// A process-local <see cref="IRegistrationStore"/>, for tests and the benchmark until the database one exists.
/// Not for production: Sophia's nodes share state through the database only.
/// </summary>
public sealed class InMemoryRegistrationStore : IRegistrationStore
{
    private readonly Lock gate = new();
    private readonly List<Entry> entries = [];
    private readonly Dictionary<int, Entry> byId = [];
    private readonly Dictionary<SipAor, List<Entry>> byAor = [];
    private readonly Dictionary<string, List<Entry>> byUser = new(StringComparer.Ordinal);

    public void Add(int equipmentId, SipAor aor, string? mac = null, RegistrationRecord? current = null, string? lastKnownContact = null)
    {
        lock (gate)
        {
            var entry = new Entry(equipmentId, aor, mac, lastKnownContact) { Current = current };
            byId.Add(equipmentId, entry);
            entries.Add(entry);
            Index(byAor, aor, entry);
            Index(byUser, aor.User, entry);
        }
    }

    public RegistrationRecord? Current(int equipmentId)
    {
        lock (gate)
        {
            return byId[equipmentId].Current;
        }
    }

    public IReadOnlyList<RegistrationTransition> History(int equipmentId)
    {
        lock (gate)
        {
            return [.. byId[equipmentId].History];
        }
    }

    public Task<IReadOnlyList<TrackedDevice>> FindByAorsAsync(IReadOnlyCollection<SipAor> aors, CancellationToken cancellationToken = default)
    {
        var found = new List<TrackedDevice>();
        lock (gate)
        {
            foreach (var aor in aors)
            {
                var matches = aor.Domain is null ? byUser.GetValueOrDefault(aor.User) : byAor.GetValueOrDefault(aor);
                foreach (var entry in matches ?? [])
                {
                    found.Add(entry.ToDevice());
                }
            }
        }
        return Task.FromResult<IReadOnlyList<TrackedDevice>>(found);
    }

    public async IAsyncEnumerable<IReadOnlyList<TrackedDevice>> FindUntouchedAsync(
        Guid runId, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var position = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new List<TrackedDevice>(batchSize);
            lock (gate)
            {
                for (; position < entries.Count && batch.Count < batchSize; position++)
                {
                    if (entries[position].LastRun != runId)
                    {
                        batch.Add(entries[position].ToDevice());
                    }
                }
            }
            if (batch.Count == 0)
            {
                yield break;
            }
            yield return batch;
            await Task.Yield();
        }
    }

    public Task SaveAsync(Guid runId, IReadOnlyList<RegistrationChange> changes, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            foreach (var change in changes)
            {
                var entry = byId[change.EquipmentId];
                entry.Current = change.Record;
                entry.LastRun = runId;
                if (change.Transition is { } transition)
                {
                    entry.History.Add(transition);
                }
            }
        }
        return Task.CompletedTask;
    }

    private static void Index<TKey>(Dictionary<TKey, List<Entry>> index, TKey key, Entry entry)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = new List<Entry>(1);
        }
        list.Add(entry);
    }

    private sealed class Entry(int equipmentId, SipAor aor, string? mac, string? lastKnownContact)
    {
        public RegistrationRecord? Current { get; set; }
        public Guid LastRun { get; set; }
        public List<RegistrationTransition> History { get; } = [];

        public TrackedDevice ToDevice() => new(equipmentId, aor, mac, Current, lastKnownContact);
    }
}
