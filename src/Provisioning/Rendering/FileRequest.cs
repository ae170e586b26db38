using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Sophia.DeviceModels;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;

namespace Sophia.Provisioning.Rendering;

/// <summary>The files Sophia renders.</summary>
public enum ProvisioningFileKind
{
    /// <summary>Yealink common file of a model family, <c>y000000000066.cfg</c>: no MAC, no secret.</summary>
    YealinkCommon,

    /// <summary>
    /// <c>&lt;mac&gt;.cfg</c>: a Yealink's own configuration (SIP password included), or a Polycom's master file
    /// when the MAC is a Polycom's. Which one is known from the equipment's model.
    /// </summary>
    MacConfig,

    /// <summary>Yealink remote phonebook, <c>&lt;mac&gt;-phonebook.xml</c>.</summary>
    YealinkPhonebook,

    /// <summary>Polycom master file for every phone, <c>000000000000.cfg</c>.</summary>
    PolycomMaster,

    /// <summary>Polycom per-phone configuration, <c>&lt;mac&gt;-sophia.cfg</c> (SIP password included).</summary>
    PolycomPhone,

    /// <summary>Polycom contact directory, <c>&lt;mac&gt;-directory.xml</c>.</summary>
    PolycomDirectory,
}

/// <summary>
/// A requested file name understood, before anything is loaded or rendered: what it is and for which MAC, so the
/// HTTP and TFTP layers can look the device up and authenticate first. Names are matched case-insensitively;
/// <see cref="Name"/> is the canonical lower-case name.
/// </summary>
/// <param name="Mac">The device, or null for a file shared by many (Yealink common, Polycom master).</param>
public sealed partial record FileRequest(string Name, ProvisioningFileKind Kind, MacAddress? Mac)
{
    /// <summary>Whether the file can carry a secret (a SIP password, a lock code) when the device is assigned.</summary>
    public bool MayContainSecrets => Kind is ProvisioningFileKind.MacConfig or ProvisioningFileKind.PolycomPhone;

    /// <summary>
    /// Reads a file name as phones ask for it (<c>001565988C06.cfg</c>, <c>/y000000000066.cfg</c>); a leading
    /// <c>/</c> is ignored, any other directory is not ours.
    /// </summary>
    public static bool TryParse(string? path, [NotNullWhen(true)] out FileRequest? request)
    {
        request = null;
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }
        var name = path.TrimStart('/').ToLowerInvariant();
        if (name == ProvisioningFileNames.PolycomMaster)
        {
            request = new FileRequest(name, ProvisioningFileKind.PolycomMaster, null);
            return true;
        }
        if (YealinkCommonRegex().IsMatch(name))
        {
            request = new FileRequest(name, ProvisioningFileKind.YealinkCommon, null);
            return true;
        }
        if (MacFileRegex().Match(name) is not { Success: true } match
            || !MacAddress.TryParse(match.Groups["mac"].Value, out var mac)
            || match.Groups["mac"].Value == "000000000000")
        {
            return false;
        }
        ProvisioningFileKind? kind = match.Groups["suffix"].Value switch
        {
            ".cfg" => ProvisioningFileKind.MacConfig,
            "-phonebook.xml" => ProvisioningFileKind.YealinkPhonebook,
            "-sophia.cfg" => ProvisioningFileKind.PolycomPhone,
            "-directory.xml" => ProvisioningFileKind.PolycomDirectory,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }
        request = new FileRequest(name, kind.Value, mac);
        return true;
    }

    [GeneratedRegex(@"^y\d{12}\.cfg$", RegexOptions.CultureInvariant)]
    private static partial Regex YealinkCommonRegex();

    [GeneratedRegex(@"^(?<mac>[0-9a-f]{12})(?<suffix>\.cfg|-phonebook\.xml|-sophia\.cfg|-directory\.xml)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex MacFileRegex();
}

/// <summary>The names of the files Sophia serves.</summary>
public static class ProvisioningFileNames
{
    public const string PolycomMaster = "000000000000.cfg";

    /// <summary>The per-phone file as a Polycom master lists it for any phone; the phone substitutes its MAC.</summary>
    public const string PolycomPhoneForAnyMac = "[PHONE_MAC_ADDRESS]-sophia.cfg";

    public static string MacConfig(MacAddress mac) => $"{mac}.cfg";

    public static string YealinkPhonebook(MacAddress mac) => $"{mac}-phonebook.xml";

    /// <summary>
    /// Not <c>&lt;mac&gt;-phone.cfg</c>: Polycom phones upload their own UI changes under that name.
    /// </summary>
    public static string PolycomPhone(MacAddress mac) => $"{mac}-sophia.cfg";

    public static string PolycomDirectory(MacAddress mac) => $"{mac}-directory.xml";

    /// <summary>Every file a phone of <paramref name="model"/> fetches from Sophia, in boot order.</summary>
    public static IReadOnlyList<string> For(DeviceModel model, MacAddress mac) => model.Vendor switch
    {
        Vendor.Yealink => [model.ConfigFamily, MacConfig(mac), YealinkPhonebook(mac)],
        _ => [MacConfig(mac), PolycomPhone(mac), PolycomDirectory(mac)],
    };
}
