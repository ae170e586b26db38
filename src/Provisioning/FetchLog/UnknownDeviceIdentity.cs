using Sophia.DeviceModels.Identification;
using Sophia.Model.Provisioning;

namespace Sophia.Provisioning.FetchLog;

/// <summary>What an unknown device's requests say about it, kept on its record so that the helpdesk adopts it as what it is.</summary>
public static class UnknownDeviceIdentity
{
    private const int MaxLength = 64;

    /// <summary>
    /// Folds one request's User-Agent into <paramref name="device"/>, requests taken oldest first: the vendor and model
    /// the agent names (else the OUI's vendor), the firmware from application requests and the updater's version from
    /// updater requests, each kept until a later request says otherwise, and whether the agent's vendor is not the OUI's.
    /// </summary>
    public static void Apply(UnknownDevice device, string? userAgent)
    {
        var oui = MacAddress.TryParse(device.Mac, out var mac) ? UserAgentParser.VendorFromOui(mac) : null;
        if (!UserAgentParser.TryParse(userAgent, out var identity))
        {
            device.Vendor ??= oui?.ToString();
            return;
        }
        device.Vendor = identity.Vendor.ToString();
        device.ModelName = Clip(identity.ModelName);
        device.ModelId = identity.Model?.Id;
        device.Firmware = Clip(identity.Firmware) ?? device.Firmware;
        device.UpdaterVersion = Clip(identity.UpdaterVersion) ?? device.UpdaterVersion;
        device.SerialNumber = Clip(identity.SerialNumber) ?? device.SerialNumber;
        device.VendorMismatch = oui is { } ouiVendor && ouiVendor != identity.Vendor;
    }

    private static string? Clip(string? text) => text is { Length: > MaxLength } ? text[..MaxLength] : text;
}
