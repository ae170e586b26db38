using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;

namespace Sophia.Registration.Tests.Diagnostics;

/// <summary>Phones' drift as a test sets it (rendering is the provisioning module's, tested there), with the batches asked.</summary>
internal sealed class FixedDrift : IProvisioningDrift
{
    public HashSet<MacAddress> Pending { get; } = [];

    /// <summary>How many MACs each call asked about.</summary>
    public List<int> Batches { get; } = [];

    public string? Unavailable => null;

    public string TemplateVersion => "templates-1";

    public Task<IReadOnlyDictionary<MacAddress, IReadOnlyList<FileDrift>>> FilesAsync(
        SophiaDb db, IReadOnlyCollection<MacAddress> macs, Uri? requestBaseUrl, CancellationToken ct)
    {
        Batches.Add(macs.Count);
        return Task.FromResult<IReadOnlyDictionary<MacAddress, IReadOnlyList<FileDrift>>>(macs.ToDictionary(mac => mac, mac => (IReadOnlyList<FileDrift>)
            [new FileDrift($"{mac}.cfg", "current", Pending.Contains(mac) ? "fetched-before" : "current", DateTimeOffset.UnixEpoch)]));
    }
}
