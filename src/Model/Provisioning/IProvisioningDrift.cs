using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;

namespace Sophia.Model.Provisioning;

/// <summary>A file of a phone: the version it would get now, and the one it last fetched (200 or 304).</summary>
public sealed record FileDrift(string File, string? CurrentVersion, string? FetchedVersion, DateTimeOffset? FetchedAt)
{
    /// <summary>The phone fetched this file and what it holds is no longer what it would get.</summary>
    public bool Pending => FetchedVersion is not null && FetchedVersion != CurrentVersion;
}

/// <summary>
/// Tells whether phones' configurations changed since they last fetched them. Provisioning renders and implements it;
/// registration (status, phone lists, the automatic resync) only asks, so neither module references the other.
/// </summary>
public interface IProvisioningDrift
{
    /// <summary>
    /// Each phone of <paramref name="macs"/> in stock with its files compared with what it last fetched; a MAC in no
    /// stock is left out. A phone that never fetched a file has nothing pending for it.
    /// </summary>
    /// <param name="requestBaseUrl">The URL the API was reached at, used when <c>Sophia:Provisioning:ServerUrl</c> is unset.</param>
    /// <exception cref="InvalidOperationException">Neither a configured server URL nor <paramref name="requestBaseUrl"/>.</exception>
    Task<IReadOnlyDictionary<MacAddress, IReadOnlyList<FileDrift>>> FilesAsync(
        SophiaDb db, IReadOnlyCollection<MacAddress> macs, Uri? requestBaseUrl, CancellationToken ct);

    /// <summary>Why versions cannot be rendered outside a request (e.g. no provisioning server URL configured), or null.</summary>
    string? Unavailable { get; }

    /// <summary>The version of the templates in service: a new one may change every phone's files.</summary>
    string TemplateVersion { get; }
}
