using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sophia.DeviceModels;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;

namespace Sophia.Provisioning.Rendering;

/// <summary>Picks the template for a requested file, builds the model and renders it.</summary>
public sealed class ConfigRenderer(TemplateStore templates, ILogger<ConfigRenderer> logger) : IConfigRenderer
{
    /// <summary>What a secret reads as in a preview.</summary>
    public const string SecretMask = "********";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string TemplateVersion => templates.Version;

    public async Task<RenderedFile?> RenderAsync(SophiaDb db, FileRequest request, ProvisioningContext context, CancellationToken ct) =>
        (await RenderCoreAsync(db, request, revealSecrets: true, context, ct))?.File;

    public async Task<ConfigPreview?> RenderPreviewAsync(SophiaDb db, MacAddress mac, string fileName, bool revealSecrets, ProvisioningContext context, CancellationToken ct)
    {
        if (!FileRequest.TryParse(fileName, out var request))
        {
            throw new ArgumentException($"'{fileName}' is not a file Sophia renders.", nameof(fileName));
        }
        if (request.Mac is { } other && other != mac)
        {
            throw new ArgumentException($"'{fileName}' is the file of {other.ToDisplayString()}, not of {mac.ToDisplayString()}.", nameof(fileName));
        }
        var model = await ModelOfAsync(db, mac, ct);
        var getsIt = model is not null
            && (ProvisioningFileNames.For(model, mac).Contains(request.Name, StringComparer.Ordinal)
                || (request.Kind == ProvisioningFileKind.PolycomMaster && model.Vendor == Vendor.Polycom));
        if (!getsIt)
        {
            return null;
        }
        return await RenderCoreAsync(db, request, revealSecrets, context, ct);
    }

    public async Task<TemplateImpact> ImpactAsync(SophiaDb db, string templateFile, CancellationToken ct)
    {
        var definition = TemplateDefinitions.Find(templateFile)
            ?? throw new ArgumentException(
                $"'{templateFile}' is not a template Sophia uses; the names are {string.Join(", ", TemplateDefinitions.All.Select(d => d.Name))}.",
                nameof(templateFile));
        var modelIds = DeviceCatalog.All.Where(m => m.Vendor == definition.Vendor).Select(m => m.Id).ToList();
        var devices = db.Equipment.AsNoTracking().Where(e => modelIds.Contains(e.ModelId));
        var total = await devices.CountAsync(ct);
        var assigned = await devices.CountAsync(e => e.UserId != null, ct);
        var sites = await devices.Where(e => e.SiteId != null).Select(e => e.SiteId).Distinct().CountAsync(ct);
        var clients = await devices.Select(e => e.ClientId).Distinct().CountAsync(ct);
        return new TemplateImpact(definition.Name, total, assigned, total - assigned, sites, clients);
    }

    private async Task<ConfigPreview?> RenderCoreAsync(SophiaDb db, FileRequest request, bool revealSecrets, ProvisioningContext context, CancellationToken ct)
    {
        switch (request.Kind)
        {
            case ProvisioningFileKind.YealinkCommon:
                var family = DeviceCatalog.All.Where(m => m.Vendor == Vendor.Yealink && m.ConfigFamily == request.Name).Select(m => m.Name).ToList();
                return family.Count == 0
                    ? null
                    : Render(request, TemplateDefinitions.YealinkCommon, new CommonConfig(request.Name, family, DeviceConfigFactory.Server(context)), null, revealSecrets, []);
            case ProvisioningFileKind.PolycomMaster:
                return RenderMaster(request, "", ProvisioningFileNames.PolycomPhoneForAnyMac, context);
        }

        var mac = request.Mac!.Value;
        // A Polycom's <mac>.cfg is its master file, which needs no more than the model; the OUI tells which to expect.
        if (request.Kind == ProvisioningFileKind.MacConfig && UserAgentParser.VendorFromOui(mac) == Vendor.Polycom)
        {
            var model = await ModelOfAsync(db, mac, ct);
            if (model is null)
            {
                return null;
            }
            if (model.Vendor == Vendor.Polycom)
            {
                return RenderMaster(request, mac.ToString(), ProvisioningFileNames.PolycomPhone(mac), context);
            }
        }
        var withPhonebook = request.Kind is ProvisioningFileKind.YealinkPhonebook or ProvisioningFileKind.PolycomDirectory;
        var config = await DeviceConfigBuilder.BuildAsync(db, mac, context, withPhonebook, ct);
        if (config is null)
        {
            return null;
        }
        var definition = (request.Kind, config.Device.Vendor) switch
        {
            (ProvisioningFileKind.MacConfig, nameof(Vendor.Yealink)) => TemplateDefinitions.YealinkPhone,
            (ProvisioningFileKind.YealinkPhonebook, nameof(Vendor.Yealink)) => TemplateDefinitions.YealinkPhonebook,
            (ProvisioningFileKind.PolycomPhone, nameof(Vendor.Polycom)) => TemplateDefinitions.PolycomPhone,
            (ProvisioningFileKind.PolycomDirectory, nameof(Vendor.Polycom)) => TemplateDefinitions.PolycomDirectory,
            // A Polycom whose MAC is not under a Polycom OUI asking for its master file.
            (ProvisioningFileKind.MacConfig, nameof(Vendor.Polycom)) => TemplateDefinitions.PolycomMaster,
            _ => null,
        };
        if (definition is null)
        {
            return null;
        }
        if (definition == TemplateDefinitions.PolycomMaster)
        {
            return RenderMaster(request, mac.ToString(), ProvisioningFileNames.PolycomPhone(mac), context);
        }
        return Render(request, definition, config, config, revealSecrets, config.Warnings);
    }

    private ConfigPreview RenderMaster(FileRequest request, string mac, string configFile, ProvisioningContext context) =>
        Render(request, TemplateDefinitions.PolycomMaster, new MasterConfig(mac, [configFile], DeviceConfigFactory.Server(context)), null, true, []);

    // One render per file: the phone's file as it is, or for a masked preview the file rendered from masked values.
    // Whether it holds secrets is then read from the output (a secret's value, or the mask), which costs a search
    // instead of a second render: after a change that touches every phone, rendering is what a boot storm waits for.
    private ConfigPreview Render(FileRequest request, TemplateDefinition definition, object model, DeviceConfig? withSecrets, bool revealSecrets, IReadOnlyList<string> warnings)
    {
        var (info, template) = templates.Get(definition);
        var masking = !revealSecrets && withSecrets is { HasSecrets: true };
        var output = Run(request, definition, info, template, masking ? withSecrets!.WithSecretsMasked(SecretMask) : model);
        var containsSecrets = masking
            ? output.Contains(SecretMask, StringComparison.Ordinal)
            : withSecrets?.Secrets.Any(secret => output.Contains(secret, StringComparison.Ordinal)) == true;
        var content = Utf8.GetBytes(output);
        var file = new RenderedFile(
            request.Name,
            content,
            definition.ContentType,
            Convert.ToHexStringLower(SHA256.HashData(content))[..32],
            containsSecrets && revealSecrets,
            warnings);
        return new ConfigPreview(file, containsSecrets && !revealSecrets, info);
    }

    private string Run(FileRequest request, TemplateDefinition definition, TemplateInfo info, Scriban.Template template, object model)
    {
        var (output, error) = TemplateRunner.Run(template, info.Path, definition.Format, model, quoteOutput: false);
        if (error is not null)
        {
            RenderingLog.RenderFailed(logger, request.Name, request.Mac?.ToString() ?? "-", error.ToString());
            throw new TemplateRenderException(error);
        }
        return output!;
    }

    private static readonly CompiledQuery<MacAddress, string?> ModelIdQuery = new((db, mac, ct) =>
        db.Equipment.AsNoTracking().Where(e => e.Mac == mac).Select(e => e.ModelId).SingleOrDefault());

    private static async Task<DeviceModel?> ModelOfAsync(SophiaDb db, MacAddress mac, CancellationToken ct)
    {
        var modelId = await ModelIdQuery.RunAsync(db, mac, ct);
        return modelId is not null && DeviceCatalog.TryFind(modelId, out var model) ? model : null;
    }
}
