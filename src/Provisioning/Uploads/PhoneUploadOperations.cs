using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Uploads;

/// <summary>The end of a log a phone uploaded, for the helpdesk.</summary>
/// <param name="Truncated">Whether only the end of the log is in <paramref name="Text"/> (<see cref="UploadOptions.LogViewBytes"/>).</param>
public sealed record UploadedLogDto(string File, PhoneUploadKind Kind, DateTimeOffset At, long Bytes, bool Truncated, string Text);

/// <summary>A setting the phone holds locally; <paramref name="SophiaValue"/> is what Sophia's files set it to (masked when secret).</summary>
public sealed record LocalSettingDto(string Key, string Value, string? SophiaValue);

/// <summary>
/// The settings a phone keeps locally (changed on the phone or its web page): those that shadow a setting Sophia's files
/// set (<paramref name="Shadowing"/>), and the others. <paramref name="Unreadable"/> when the file is neither XML nor key = value.
/// </summary>
public sealed record UploadedSettingsDto(string File, PhoneUploadKind Kind, DateTimeOffset At, long Bytes, bool Unreadable,
    IReadOnlyList<LocalSettingDto> Shadowing, IReadOnlyList<LocalSettingDto> Others);

/// <summary>The contacts a Yealink keeps on the phone itself; <paramref name="Count"/> is null when the file is not a readable contact list.</summary>
public sealed record UploadedContactsDto(string File, DateTimeOffset At, long Bytes, int? Count);

public sealed record PhoneUploadsDto(string Mac, IReadOnlyList<UploadedSettingsDto> Settings, IReadOnlyList<UploadedLogDto> Logs,
    IReadOnlyList<UploadedContactsDto> Contacts);

/// <summary>
/// What phones send back with PUT on <c>/prov/</c>: kept per equipment (<see cref="UploadOptions.VersionsKept"/> versions of each
/// kind), and read by the helpdesk and the phone's client admins: the latest logs, and the phone's local settings against Sophia's.
/// </summary>
public sealed class PhoneUploadOperations(SophiaDb db, IConfigRenderer renderer, ProvisioningContextFactory contexts, IOptions<UploadOptions> options, TimeProvider time)
{
    /// <summary>
    /// Stores what the phone of <paramref name="request"/> sent, already authenticated as that phone's (the provisioning
    /// endpoint); false when the MAC is in no stock. Older versions of the same kind beyond the bound are dropped.
    /// </summary>
    public async Task<bool> StoreAsync(UploadRequest request, byte[] content, string? sourceIp, CancellationToken ct)
    {
        var mac = request.Mac;
        var equipmentId = await db.Equipment.Where(e => e.Mac == mac).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        if (equipmentId is not { } id)
        {
            return false;
        }
        db.PhoneUploads.Add(new PhoneUpload { EquipmentId = id, Kind = request.Kind, File = request.Name, At = time.GetUtcNow(), Content = content, SourceIp = sourceIp });
        await db.SaveChangesAsync(ct);
        var kept = db.PhoneUploads.Where(u => u.EquipmentId == id && u.Kind == request.Kind)
            .OrderByDescending(u => u.Id).Take(options.Value.VersionsKept).Select(u => u.Id);
        await db.PhoneUploads.Where(u => u.EquipmentId == id && u.Kind == request.Kind && !kept.Contains(u.Id)).ExecuteDeleteAsync(ct);
        return true;
    }

    /// <summary>
    /// The latest file of <paramref name="kind"/> the phone of <paramref name="mac"/> uploaded, to serve it back to that
    /// phone (already authenticated as such by the provisioning endpoint); null when it uploaded none.
    /// </summary>
    public Task<PhoneUpload?> LatestAsync(MacAddress mac, PhoneUploadKind kind, CancellationToken ct) =>
        db.PhoneUploads.AsNoTracking()
            .Where(u => u.Kind == kind && db.Equipment.Any(e => e.Id == u.EquipmentId && e.Mac == mac))
            .OrderByDescending(u => u.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>The latest file of each kind the phone uploaded.</summary>
    /// <param name="requestBaseUrl">The URL the API was reached at, for rendering Sophia's files when <c>Sophia:Provisioning:ServerUrl</c> is unset.</param>
    public async Task<PhoneUploadsDto> ReadAsync(Caller caller, string mac, Uri? requestBaseUrl, CancellationToken ct)
    {
        var equipment = await Visible.EquipmentAsync(db, caller, mac, self: false, ct);
        var latestIds = db.PhoneUploads.Where(u => u.EquipmentId == equipment.Id)
            .GroupBy(u => u.Kind).Select(g => g.Max(u => u.Id));
        var latest = await db.PhoneUploads.AsNoTracking().Where(u => latestIds.Contains(u.Id)).OrderBy(u => u.Kind).ToListAsync(ct);

        var logs = latest.Where(u => !UploadRequest.IsServedBack(u.Kind)).Select(Log).ToList();
        var contacts = latest.Where(u => u.Kind == PhoneUploadKind.YealinkContacts)
            .Select(u => new UploadedContactsDto(u.File, u.At, u.Content.Length, PhoneContactsFile.Count(u.Content))).ToList();
        var settings = new List<UploadedSettingsDto>();
        var uploadedSettings = latest.Where(u => UploadRequest.IsSettings(u.Kind)).ToList();
        if (uploadedSettings.Count > 0)
        {
            var sophia = await SophiaSettingsAsync(equipment.Mac, equipment.ModelId, requestBaseUrl, ct);
            settings.AddRange(uploadedSettings.Select(u => Compare(u, sophia)));
        }
        return new PhoneUploadsDto(equipment.Mac.ToDisplayString(), settings, logs, contacts);
    }

    /// <summary>Splits the phone's local settings into those Sophia's files also set and the others.</summary>
    public static (IReadOnlyList<LocalSettingDto> Shadowing, IReadOnlyList<LocalSettingDto> Others)? Overrides(
        byte[] uploaded, IReadOnlyDictionary<string, string> sophia)
    {
        if (PhoneSettingsFile.TryParse(uploaded) is not { } local)
        {
            return null;
        }
        var shadowing = new List<LocalSettingDto>();
        var others = new List<LocalSettingDto>();
        foreach (var (key, value) in local)
        {
            if (sophia.TryGetValue(key, out var managed))
            {
                shadowing.Add(new LocalSettingDto(key, value, managed));
            }
            else
            {
                others.Add(new LocalSettingDto(key, value, null));
            }
        }
        return (shadowing, others);
    }

    private static UploadedSettingsDto Compare(PhoneUpload upload, IReadOnlyDictionary<string, string> sophia) =>
        Overrides(upload.Content, sophia) is { } split
            ? new UploadedSettingsDto(upload.File, upload.Kind, upload.At, upload.Content.Length, false, split.Shadowing, split.Others)
            : new UploadedSettingsDto(upload.File, upload.Kind, upload.At, upload.Content.Length, true, [], []);

    private UploadedLogDto Log(PhoneUpload upload)
    {
        var max = options.Value.LogViewBytes;
        var truncated = upload.Content.Length > max;
        var tail = truncated ? upload.Content.AsSpan(upload.Content.Length - max) : upload.Content;
        // Logs are ASCII in practice; a cut inside a UTF-8 sequence shows one replacement character, no more.
        return new UploadedLogDto(upload.File, upload.Kind, upload.At, upload.Content.Length, truncated, Encoding.UTF8.GetString(tail));
    }

    /// <summary>Every setting of the configuration files Sophia serves this phone (secrets masked), the first file winning as on a Polycom.</summary>
    private async Task<IReadOnlyDictionary<string, string>> SophiaSettingsAsync(MacAddress mac, string modelId, Uri? requestBaseUrl, CancellationToken ct)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!DeviceCatalog.TryFind(modelId, out var model))
        {
            return settings;
        }
        var context = contexts.Create(requestBaseUrl);
        foreach (var file in ProvisioningFileNames.For(model, mac).Where(f => f.EndsWith(".cfg", StringComparison.Ordinal)))
        {
            if (await renderer.RenderPreviewAsync(db, mac, file, revealSecrets: false, context, ct) is { } preview
                && PhoneSettingsFile.TryParse(preview.File.Content) is { } keys)
            {
                foreach (var (key, value) in keys)
                {
                    settings.TryAdd(key, value);
                }
            }
        }
        return settings;
    }
}
