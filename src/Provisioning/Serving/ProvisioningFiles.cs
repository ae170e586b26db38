using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Serving;

/// <summary>What the provisioning layers need to know of a device before rendering anything for it.</summary>
/// <param name="Stamp">The client's config stamp: renders made under another stamp are stale.</param>
public sealed record DeviceEntry(
    MacAddress Mac, int ClientId, string ModelId, int? SiteId, bool Assigned, string DigestUser, string DigestPassword,
    IReadOnlyList<string> TftpNetworks, Guid Stamp, string ClientUser, DeviceCertificatePolicy CertificatePolicy)
{
    /// <summary>
    /// Whether digest credentials in this user's name are those of the device's client (its own or the client's shared
    /// ones); any other client's credentials must find the MAC as they would find an unknown one.
    /// </summary>
    public bool IsOfClient(string user) =>
        string.Equals(user, DigestUser, StringComparison.Ordinal) || string.Equals(user, ClientUser, StringComparison.Ordinal);

    /// <summary>The phonebook's own credentials (<see cref="PhonebookCredentials"/>); null when the phone has no remote phonebook.</summary>
    public (string User, string Password)? Phonebook { get; init; }

    /// <summary>The digest password is a secret: records print every property by default.</summary>
    public override string ToString() => $"DeviceEntry {{ Mac = {Mac}, ClientId = {ClientId}, ModelId = {ModelId}, Assigned = {Assigned} }}";
}

/// <summary>
/// The one place HTTP and TFTP get provisioning files from: the device lookup, and renders cached in memory by
/// (file, client config stamp, template version, server URL). The stamp is read from the database on every
/// request, so a change saved on any node is served by every node at once.
/// </summary>
public sealed class ProvisioningFiles(IConfigRenderer renderer, ProvisioningMetrics metrics)
{
    private readonly ConcurrentDictionary<string, CachedRender> cache = new(StringComparer.Ordinal);

    private static readonly CompiledQuery<MacAddress, DeviceRow?> DeviceQuery = new((db, mac, ct) => (
        from e in db.Equipment.AsNoTracking()
        join c in db.Clients.AsNoTracking() on e.ClientId equals c.Id
        where e.Mac == mac
        select new DeviceRow(
            e.Id,
            e.ClientId,
            e.ModelId,
            e.SiteId,
            e.UserId,
            e.ProvisioningUser,
            e.ProvisioningPassword,
            c.ProvisioningUser,
            c.ProvisioningPassword,
            c.DeviceCertificate,
            e.Site != null ? e.Site.TftpAllowedNetworks : null,
            db.ConfigStamps.Where(s => s.ClientId == e.ClientId).Select(s => (Guid?)s.Stamp).FirstOrDefault()))
        .FirstOrDefault());

    private static readonly CompiledQuery<string, ClientCredentials?> ClientCredentialsQuery = new((db, user, ct) => db.Clients.AsNoTracking()
        .Where(c => c.ProvisioningUser == user)
        .Select(c => new ClientCredentials(c.ProvisioningUser, c.ProvisioningPassword, c.DeviceCertificate))
        .FirstOrDefault());

    /// <summary>One query: the equipment, its client's digest credentials and config stamp; null for an unknown MAC.</summary>
    public static async Task<DeviceEntry?> FindDeviceAsync(SophiaDb db, MacAddress mac, CancellationToken ct)
    {
        var row = await DeviceQuery.RunAsync(db, mac, ct);
        if (row is null)
        {
            return null;
        }
        var perDevice = !string.IsNullOrEmpty(row.DeviceUser) && !string.IsNullOrEmpty(row.DevicePassword);
        var password = perDevice ? row.DevicePassword! : row.ClientPassword;
        // Only an assigned Yealink is given a remote phonebook URL, and so these credentials (DeviceConfigFactory).
        var phonebook = row.UserId is { } userId && DeviceCatalog.TryFind(row.ModelId, out var model) && model.Vendor == Vendor.Yealink
            ? (PhonebookCredentials.User(mac), PhonebookCredentials.Password(mac, row.EquipmentId, userId, password))
            : ((string, string)?)null;
        return new DeviceEntry(
            mac, row.ClientId, row.ModelId, row.SiteId, row.UserId is not null,
            perDevice ? row.DeviceUser! : row.ClientUser,
            password,
            row.Networks ?? [],
            row.Stamp ?? Guid.Empty,
            row.ClientUser,
            row.CertificatePolicy)
        {
            Phonebook = phonebook,
        };
    }

    /// <summary>
    /// The client whose provisioning user this is, for files shared by many phones (no MAC in the name), with what its
    /// phones' device certificates do.
    /// </summary>
    public static async Task<(string User, string Password, DeviceCertificatePolicy CertificatePolicy)?> FindClientCredentialsAsync(SophiaDb db, string user, CancellationToken ct) =>
        await ClientCredentialsQuery.RunAsync(db, user, ct) is { } row ? (row.User, row.Password, row.CertificatePolicy) : null;

    /// <summary>The file, from cache when nothing that feeds it changed; null when there is no such file for the device.</summary>
    /// <param name="configStamp">
    /// The config stamp of the phone's client (<see cref="DeviceEntry.Stamp"/>), read before this call; <see cref="Guid.Empty"/>
    /// for a MAC in no stock.
    /// </param>
    public async Task<RenderedFile?> GetAsync(SophiaDb db, FileRequest request, Guid configStamp, ProvisioningContext context, CancellationToken ct)
    {
        // A shared file (no MAC in its name) renders from the catalog and the server's settings, no client's data: one
        // entry serves every client, whoever asks.
        var stamp = request.Mac is null ? Guid.Empty : configStamp;
        var templateVersion = renderer.TemplateVersion;
        var baseUrl = context.ServerUrl.AbsoluteUri;
        if (cache.TryGetValue(request.Name, out var hit)
            && hit.Stamp == stamp && hit.TemplateVersion == templateVersion && hit.BaseUrl == baseUrl)
        {
            metrics.CacheHit();
            return hit.File;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var file = await renderer.RenderAsync(db, request, context, ct);
        metrics.Rendered(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        // A render that read older data than the stamp we hold would be cached as current: the stamp read before this
        // call happened before the render's reads, so at worst a newer change is re-rendered on the next request.
        cache[request.Name] = new CachedRender(stamp, templateVersion, baseUrl, file);
        return file;
    }

    private sealed record CachedRender(Guid Stamp, string TemplateVersion, string BaseUrl, RenderedFile? File);

    private sealed record DeviceRow(
        int EquipmentId, int ClientId, string ModelId, int? SiteId, int? UserId, string? DeviceUser, string? DevicePassword,
        string ClientUser, string ClientPassword, DeviceCertificatePolicy CertificatePolicy, List<string>? Networks, Guid? Stamp);

    private sealed record ClientCredentials(string User, string Password, DeviceCertificatePolicy CertificatePolicy);
}
