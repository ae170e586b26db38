using Sophia.Model.Registration;

namespace Sophia.Registration.Store;

/// <summary>
/// Which tracked phones a store sees, by the client they belong to: those of some clients (a registrar of their own,
/// or OPTIONS only), or of every client but some (the global default). <see cref="All"/> adds no condition at all.
/// </summary>
public sealed class DeviceScope
{
    private readonly bool allBut;
    private readonly List<int> clientIds;

    private DeviceScope(bool allBut, IEnumerable<int> clientIds)
    {
        this.allBut = allBut;
        this.clientIds = [.. clientIds.Distinct().Order()];
    }

    public static DeviceScope All { get; } = new(allBut: true, []);

    public static DeviceScope Only(IEnumerable<int> clientIds) => new(allBut: false, clientIds);

    public static DeviceScope AllBut(IEnumerable<int> clientIds) => new(allBut: true, clientIds);

    public bool IsAll => allBut && clientIds.Count == 0;

    public bool Contains(int clientId) => allBut != clientIds.Contains(clientId);

    /// <summary>
    /// The statuses of this scope. The phone's row is joined anyway to read its MAC, so the condition on its client costs
    /// no further lookup.
    /// </summary>
    internal IQueryable<RegistrationStatus> Apply(IQueryable<RegistrationStatus> statuses)
    {
        if (IsAll)
        {
            return statuses;
        }
        var ids = clientIds;
        return allBut
            ? statuses.Where(s => !ids.Contains(s.Equipment!.ClientId))
            : statuses.Where(s => ids.Contains(s.Equipment!.ClientId));
    }

    public override string ToString() => IsAll ? "all clients"
        : allBut ? $"all clients but {string.Join(", ", clientIds)}"
        : $"clients {string.Join(", ", clientIds)}";
}
