using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Sophia.DeviceModels.Catalog;

namespace Sophia.DeviceModels.Identification;

/// <summary>
/// Reads vendor, model, firmware and MAC from the HTTP User-Agent a phone sends while provisioning, and the vendor
/// from a MAC address's OUI.
/// </summary>
public static partial class UserAgentParser
{
    // Yealink OUIs (IEEE assignments seen on Yealink phones and used by provisioning servers to route requests).
    private static readonly HashSet<string> YealinkOuis = new(StringComparer.OrdinalIgnoreCase)
    {
        "001565", "E434D7", "805EC0", "805E0C", "249AD8", "3497D7",
        "44DBD2", "644F56", "B061A9", "C4FC22", "EC1DA9", "F01653",
    };

    // Polycom / Poly OUIs: 00:04:F2 on most VVX, 64:16:7F and 48:25:67 on later VVX x50 production.
    private static readonly HashSet<string> PolycomOuis = new(StringComparer.OrdinalIgnoreCase) { "0004F2", "64167F", "482567" };

    /// <summary>
    /// Parses a provisioning User-Agent. Yealink:
    /// <c>Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06</c> and its variants (lower-case vendor, <c>SIP VP-T49G</c>,
    /// no <c>SIP-</c> on DECT and CP models, double spaces, a MAC without colons, the old <c>Yealink-T46G</c> form whose
    /// third token is not a MAC, and the vendor-less <c>W52P</c>/<c>W60B</c>/<c>VP530</c> forms). Polycom:
    /// <c>FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application</c>, the SIP form without
    /// <c>FileTransport</c>, a MAC appended to the version (<c>…-UA/6.4.1.2280_482567164887</c>), a serial number
    /// (<c>(SN:482567b5313f)</c>, the MAC on Poly phones), Poly Edge and CCX; a <c>Type/Updater</c> request gives
    /// the updater's version, not the firmware.
    /// An unparsable MAC is dropped, not fatal: the model and firmware still identify the phone.
    /// </summary>
    public static bool TryParse(string? userAgent, [NotNullWhen(true)] out DeviceIdentity? identity)
    {
        identity = null;
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return false;
        }
        var text = userAgent.Trim();
        if (YealinkRegex().Match(text) is { Success: true } yealink)
        {
            identity = Identify(Vendor.Yealink, yealink.Groups["model"].Value, yealink);
            return true;
        }
        if (VendorlessYealinkRegex().Match(text) is { Success: true } vendorless)
        {
            identity = Identify(Vendor.Yealink, vendorless.Groups["model"].Value, vendorless);
            return true;
        }
        if (PolycomRegex().Match(text) is { Success: true } polycom)
        {
            // The phone writes "VVX_450"; people and the catalog write "VVX 450".
            identity = Identify(Vendor.Polycom, polycom.Groups["model"].Value.Replace('_', ' '), polycom);
            return true;
        }
        return false;
    }

    /// <summary>The vendor that owns the MAC address's OUI, or <see langword="null"/> when it is neither.</summary>
    public static Vendor? VendorFromOui(MacAddress mac) =>
        YealinkOuis.Contains(mac.Oui) ? Vendor.Yealink
        : PolycomOuis.Contains(mac.Oui) ? Vendor.Polycom
        : null;

    /// <summary>
    /// The vendor of an OUI given as its six hex digits in either case (<c>001565</c> of <c>001565988c06</c>), without
    /// allocating: what a per-request metric can afford.
    /// </summary>
    public static Vendor? VendorFromOui(ReadOnlySpan<char> oui) =>
        YealinkOuis.GetAlternateLookup<ReadOnlySpan<char>>().Contains(oui) ? Vendor.Yealink
        : PolycomOuis.GetAlternateLookup<ReadOnlySpan<char>>().Contains(oui) ? Vendor.Polycom
        : null;

    private static DeviceIdentity Identify(Vendor vendor, string modelName, Match match)
    {
        DeviceCatalog.TryFind(modelName, out var model);
        if (model is not null && model.Vendor != vendor)
        {
            model = null;
        }
        var macText = match.Groups["mac"];
        var serial = match.Groups["serial"];
        MacAddress? mac = macText.Success && MacAddress.TryParse(macText.Value, out var parsed) ? parsed
            : serial.Success && MacAddress.TryParse(serial.Value, out var fromSerial) ? fromSerial
            : null;
        var version = match.Groups["firmware"].Value;
        // A Polycom's updater runs before the application and sends its own version: not the phone's firmware.
        var updater = string.Equals(match.Groups["type"].Value, "Updater", StringComparison.OrdinalIgnoreCase);
        return new DeviceIdentity(vendor, modelName, model, updater ? null : version, mac)
        {
            UpdaterVersion = updater ? version : null,
            SerialNumber = serial.Success ? serial.Value : null,
        };
    }

    // "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06", "Yealink SIP VP-T49G …", "Yealink CP860 …",
    // "Yealink W60B …", "Yealink-T46G 28.71.0.81 28.1.0.128.0.0.0". The third token is the MAC only if it parses as one.
    [GeneratedRegex(
        @"^yealink(?:\s+|-)(?:sip(?:-|\s+vp-)|vp-)?(?<model>[a-z0-9_]+)\s+(?<firmware>\d+(?:\.\d+)+)(?:\s+(?<mac>\S+))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex YealinkRegex();

    // DECT bases and the VP530 that leave the vendor out: "W52P 25.30.0.2 00:15:65:…", "VP530P 23.70.0.40 …".
    [GeneratedRegex(
        @"^(?<model>VP530P?|W52P|W56P|W60B)\s+(?<firmware>\d+(?:\.\d+)+)(?:\s+(?<mac>\S+))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex VendorlessYealinkRegex();

    // "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application", "PolycomVVX-VVX_150-UA/6.4.1.2280_482567164887",
    // "FileTransport PolyEdge-Edge_E450-UA/8.0.0.15602 Type/Application",
    // "FileTransport PolyCCX-CCX_600-UA/8.0.2.3267 (SN:482567b5313f) Type/Application", "… Type/Updater".
    [GeneratedRegex(
        @"^(?:FileTransport\s+)?Poly[a-z]*-(?<model>[a-z0-9_]+?)-UA/(?<firmware>\d+(?:\.\d+)*)(?:_(?<mac>[^\s(]+))?(?:\s+\(SN:(?<serial>[^)\s]+)\))?(?:\s+Type/(?<type>[a-z]+))?(?:\s.*)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PolycomRegex();
}
