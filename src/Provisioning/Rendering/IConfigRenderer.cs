using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;

namespace Sophia.Provisioning.Rendering;

/// <summary>A file ready to send to a phone.</summary>
/// <param name="Name">The canonical (lower-case) file name.</param>
/// <param name="Version">Hash of <see cref="Content"/>: an ETag, and what a phone last fetched.</param>
/// <param name="ContainsSecrets">Whether the content holds a SIP password or a lock code (the value itself, as served).</param>
/// <param name="Warnings">What the phone does not get as configured (keys not placed, settings the model lacks, contacts cut).</param>
public sealed record RenderedFile(string Name, byte[] Content, string ContentType, string Version, bool ContainsSecrets, IReadOnlyList<string> Warnings);

/// <summary>A file as a phone would get it, for the helpdesk.</summary>
/// <param name="SecretsMasked">Whether secrets in it were replaced by <see cref="ConfigRenderer.SecretMask"/>.</param>
/// <param name="Template">The template that rendered it.</param>
public sealed record ConfigPreview(RenderedFile File, bool SecretsMasked, TemplateInfo Template);

/// <summary>How many phones a template renders files for (every phone of its vendor, in stock or assigned).</summary>
public sealed record TemplateImpact(string Template, int Devices, int Assigned, int Staging, int Sites, int Clients);

/// <summary>Renders provisioning files from the parc and the templates in service.</summary>
public interface IConfigRenderer
{
    /// <summary>The version of the templates in service; with the data's version, the key to cache renders by.</summary>
    string TemplateVersion { get; }

    /// <summary>
    /// The file a phone asked for, or null when there is none to give: an unknown MAC (404), a file of the other
    /// vendor's kind, a Yealink family no model has.
    /// </summary>
    /// <exception cref="TemplateRenderException">The template failed on this phone's data.</exception>
    Task<RenderedFile?> RenderAsync(SophiaDb db, FileRequest request, ProvisioningContext context, CancellationToken ct);

    /// <summary>
    /// <paramref name="fileName"/> as the phone with <paramref name="mac"/> would get it, secrets masked unless
    /// <paramref name="revealSecrets"/> (for helpdesk accounts only); null when the phone does not get that file.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a Sophia file, or another phone's.</exception>
    Task<ConfigPreview?> RenderPreviewAsync(SophiaDb db, MacAddress mac, string fileName, bool revealSecrets, ProvisioningContext context, CancellationToken ct);

    /// <summary>How many phones, sites and clients get files from <paramref name="templateFile"/> (e.g. <c>yealink/mac.cfg.sbn</c>).</summary>
    /// <exception cref="ArgumentException">Not a template Sophia uses.</exception>
    Task<TemplateImpact> ImpactAsync(SophiaDb db, string templateFile, CancellationToken ct);
}
