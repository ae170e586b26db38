using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Paging;
using Sophia.Model.Rules;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Diagnostics;

/// <summary>A phone seen by <c>/prov</c> in no stock, as its User-Agent describes it.</summary>
/// <param name="Vendor">What the User-Agent says, else the OUI's vendor.</param>
/// <param name="Model">The catalog id adoption takes by default; null when the catalog lacks <paramref name="ModelName"/>.</param>
/// <param name="Firmware">The application's version; a Polycom updater's is <paramref name="UpdaterVersion"/>.</param>
/// <param name="VendorMismatch">The User-Agent names another vendor than the MAC's OUI.</param>
public sealed record UnknownDeviceDto(
    string Mac, string? Vendor, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string LastIp, string? LastUserAgent, int Requests,
    string? ModelName = null, string? Model = null, string? Firmware = null, string? UpdaterVersion = null, string? SerialNumber = null,
    bool VendorMismatch = false);

/// <summary>Provisioning across every client, for the helpdesk: what a template reaches, and the phones that asked while in no stock.</summary>
public sealed class FleetOperations(SophiaDb db, IConfigRenderer renderer)
{
    /// <summary>How many phones, sites and clients get files from <paramref name="template"/> (e.g. <c>yealink/mac.cfg.sbn</c>).</summary>
    public async Task<TemplateImpact> ImpactAsync(Caller caller, string? template, CancellationToken ct)
    {
        HelpdeskOnly(caller, "templateImpact.helpdeskOnly", "Only a helpdesk account may see what a template reaches: it spans every client.");
        if (string.IsNullOrWhiteSpace(template))
        {
            throw new RuleViolationException(CommonErrors.Required("template", "yealink/mac.cfg.sbn"));
        }
        if (TemplateDefinitions.Find(template) is null)
        {
            throw new RuleViolationException(FieldError.Create("template", "template.unknown", "'{template}' is not a template Sophia uses; the names are {names}.",
                ("template", template), ("names", TemplateDefinitions.All.Select(d => d.Name))));
        }
        return await renderer.ImpactAsync(db, template, ct);
    }

    /// <summary>MACs that asked for a configuration while in no stock, the most recently seen first.</summary>
    public async Task<Paged<UnknownDeviceDto>> UnknownDevicesAsync(Caller caller, PageRequest page, CancellationToken ct)
    {
        HelpdeskOnly(caller, "unknownDevices.helpdeskOnly", "Only a helpdesk account may list the unknown devices: they belong to no client yet.");
        var result = await db.UnknownDevices.AsNoTracking().OrderByDescending(d => d.LastSeen).ToPageAsync(page, ct);
        return result.Select(d =>
        {
            var mac = MacAddress.Parse(d.Mac);
            return new UnknownDeviceDto(mac.ToDisplayString(), d.Vendor ?? UserAgentParser.VendorFromOui(mac)?.ToString(), d.FirstSeen, d.LastSeen, d.LastIp, d.LastUserAgent, d.Requests,
                d.ModelName, d.ModelId, d.Firmware, d.UpdaterVersion, d.SerialNumber, d.VendorMismatch);
        });
    }

    private static void HelpdeskOnly(Caller caller, string code, string message)
    {
        if (!caller.IsHelpdesk)
        {
            throw new RuleViolationException(FieldError.Create("request", code, message), RuleViolationKind.Forbidden);
        }
    }
}
