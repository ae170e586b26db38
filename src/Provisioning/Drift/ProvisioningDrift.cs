using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.Rendering;
using Sophia.Provisioning.Serving;

namespace Sophia.Provisioning.Drift;

/// <summary>A phone's file compared with what it last fetched, and what its render warned about (keys not placed, ...).</summary>
public sealed record DriftedFile(FileDrift Drift, IReadOnlyList<string> Warnings);

/// <summary>
/// Pending changes of phones: each of their files as the render cache holds it (rendered again only when the client's
/// config stamp, the templates or the server URL changed), against the version each phone last fetched, read for many
/// phones in one query.
/// </summary>
public sealed class ProvisioningDrift(
    ProvisioningFiles files, IConfigRenderer renderer, ProvisioningContextFactory contexts, IOptionsMonitor<ProvisioningOptions> options)
    : IProvisioningDrift
{
    public string? Unavailable => string.IsNullOrWhiteSpace(options.CurrentValue.ServerUrl)
        ? "Sophia:Provisioning:ServerUrl is not set, so configs cannot be rendered outside a phone's request to compare versions"
        : null;

    public string TemplateVersion => renderer.TemplateVersion;

    public async Task<IReadOnlyDictionary<MacAddress, IReadOnlyList<FileDrift>>> FilesAsync(
        SophiaDb db, IReadOnlyCollection<MacAddress> macs, Uri? requestBaseUrl, CancellationToken ct) =>
        (await CompareAsync(db, macs, requestBaseUrl, ct)).ToDictionary(p => p.Key, p => (IReadOnlyList<FileDrift>)[.. p.Value.Select(f => f.Drift)]);

    /// <summary>One phone's files in boot order, with their render warnings; empty for a MAC in no stock.</summary>
    /// <inheritdoc cref="IProvisioningDrift.FilesAsync" path="/param[@name='requestBaseUrl']"/>
    public async Task<IReadOnlyList<DriftedFile>> FilesAsync(SophiaDb db, MacAddress mac, Uri? requestBaseUrl, CancellationToken ct) =>
        (await CompareAsync(db, [mac], requestBaseUrl, ct)).GetValueOrDefault(mac) ?? [];

    private async Task<Dictionary<MacAddress, IReadOnlyList<DriftedFile>>> CompareAsync(
        SophiaDb db, IReadOnlyCollection<MacAddress> macs, Uri? requestBaseUrl, CancellationToken ct)
    {
        var compared = new Dictionary<MacAddress, IReadOnlyList<DriftedFile>>();
        var asked = macs.Distinct().ToList();
        if (asked.Count == 0)
        {
            return compared;
        }
        // Each stamp is read before its phone's renders, as on a phone's request (see ProvisioningFiles.GetAsync).
        var phones = await (
            from e in db.Equipment.AsNoTracking()
            where asked.Contains(e.Mac)
            select new { e.Mac, e.ModelId, Stamp = db.ConfigStamps.Where(s => s.ClientId == e.ClientId).Select(s => (Guid?)s.Stamp).FirstOrDefault() })
            .ToListAsync(ct);
        if (phones.Count == 0)
        {
            return compared;
        }
        var context = contexts.Create(requestBaseUrl);
        var fetched = await LastFetchedAsync(db, [.. phones.Select(p => p.Mac.ToString())], ct);
        foreach (var phone in phones)
        {
            var names = DeviceCatalog.TryFind(phone.ModelId, out var model) ? ProvisioningFileNames.For(model, phone.Mac) : [];
            var phoneFiles = new List<DriftedFile>(names.Count);
            foreach (var name in names)
            {
                var current = FileRequest.TryParse(name, out var request) ? await files.GetAsync(db, request, phone.Stamp ?? Guid.Empty, context, ct) : null;
                var last = fetched.GetValueOrDefault((phone.Mac.ToString(), name));
                phoneFiles.Add(new DriftedFile(new FileDrift(name, current?.Version, last?.Version, last?.At), current?.Warnings ?? []));
            }
            compared[phone.Mac] = phoneFiles;
        }
        return compared;
    }

    /// <summary>
    /// The last version of each file each phone got (a 200, or a 304 for the version it already held), for all the phones in
    /// one query: the fetch log grows with every boot, so it is read once, not per phone and file.
    /// </summary>
    private static async Task<Dictionary<(string Mac, string File), Fetched>> LastFetchedAsync(SophiaDb db, List<string> macs, CancellationToken ct)
    {
        var lastIds = db.FetchEvents
            .Where(f => f.Mac != null && macs.Contains(f.Mac) && (f.Status == 200 || f.Status == 304))
            .GroupBy(f => new { f.Mac, f.File })
            .Select(g => g.Max(f => f.Id));
        var rows = await db.FetchEvents.AsNoTracking().Where(f => lastIds.Contains(f.Id))
            .Select(f => new { f.Mac, f.File, f.Version, f.At }).ToListAsync(ct);
        return rows.ToDictionary(r => (r.Mac!, r.File), r => new Fetched(r.Version, r.At));
    }

    private sealed record Fetched(string? Version, DateTimeOffset At);
}
