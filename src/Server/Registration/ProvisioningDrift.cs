using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Provisioning.Rendering;
using Sophia.Registration.Resync;

namespace Sophia.Server.Registration;

/// <summary>A file of a phone: the version it would get now, and the one it last fetched (200 or 304).</summary>
public sealed record FileDrift(string File, string? CurrentVersion, string? FetchedVersion, DateTimeOffset? FetchedAt)
{
    /// <summary>The phone fetched this file and what it holds is no longer what it would get.</summary>
    public bool Pending => FetchedVersion is not null && FetchedVersion != CurrentVersion;
}

/// <summary>Pending changes of a phone: each of its files rendered now against the fetch log.</summary>
public sealed class ProvisioningDrift(IConfigRenderer renderer, ProvisioningContextFactory contexts, IOptionsMonitor<ProvisioningOptions> options)
    : IProvisioningDrift
{
    public string? Unavailable => string.IsNullOrWhiteSpace(options.CurrentValue.ServerUrl)
        ? "Sophia:Provisioning:ServerUrl is not set, so configs cannot be rendered outside a phone's request to compare versions"
        : null;

    public string TemplateVersion => renderer.TemplateVersion;

    /// <param name="requestBaseUrl">The URL the API was reached at, used when <c>Sophia:Provisioning:ServerUrl</c> is unset.</param>
    /// <exception cref="InvalidOperationException">Neither a configured server URL nor <paramref name="requestBaseUrl"/>.</exception>
    public async Task<IReadOnlyList<FileDrift>> FilesAsync(SophiaDb db, MacAddress mac, Uri? requestBaseUrl, CancellationToken ct)
    {
        var names = await renderer.FileNamesAsync(db, mac, ct) ?? [];
        if (names.Count == 0)
        {
            return [];
        }
        var context = contexts.Create(requestBaseUrl);
        var key = mac.ToString();
        var lastIds = await db.FetchEvents.AsNoTracking()
            .Where(f => f.Mac == key && (f.Status == 200 || f.Status == 304))
            .GroupBy(f => f.File).Select(g => g.Max(f => f.Id)).ToListAsync(ct);
        var fetched = await db.FetchEvents.AsNoTracking().Where(f => lastIds.Contains(f.Id))
            .ToDictionaryAsync(f => f.File, f => (f.Version, f.At), ct);
        var files = new List<FileDrift>(names.Count);
        foreach (var name in names)
        {
            var rendered = FileRequest.TryParse(name, out var request) ? await renderer.RenderAsync(db, request, context, ct) : null;
            var last = fetched.TryGetValue(name, out var f) ? f : default;
            files.Add(new FileDrift(name, rendered?.Version, last.Version, last.Version is null ? null : last.At));
        }
        return files;
    }

    public async Task<IReadOnlyList<string>> PendingFilesAsync(SophiaDb db, MacAddress mac, CancellationToken cancellationToken) =>
        [.. (await FilesAsync(db, mac, null, cancellationToken)).Where(f => f.Pending).Select(f => f.File)];
}
