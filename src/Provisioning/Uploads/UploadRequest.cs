using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Sophia.DeviceModels;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Provisioning;

namespace Sophia.Provisioning.Uploads;

/// <summary>
/// A file name a phone PUTs on <c>/prov/</c>: <c>&lt;mac&gt;-phone.cfg</c>, <c>-web.cfg</c>, <c>-app.log</c>,
/// <c>-boot.log</c> (Polycom), <c>-local.cfg</c>, <c>-contact.xml</c>, <c>-sys.log</c>, <c>-boot.log</c> (Yealink).
/// Any other name is refused, and so is a name of the other vendor's phones (<see cref="IsFor"/>).
/// </summary>
public sealed partial record UploadRequest(string Name, PhoneUploadKind Kind, MacAddress Mac)
{
    /// <summary>Whether the file holds settings (parsed into overrides) rather than a log.</summary>
    public static bool IsSettings(PhoneUploadKind kind) =>
        kind is PhoneUploadKind.PolycomPhoneOverrides or PhoneUploadKind.PolycomWebOverrides or PhoneUploadKind.YealinkLocalConfig;

    /// <summary>
    /// Whether the phone fetches the file again at boot (its settings and its contacts, never a log): GET serves it the
    /// latest version it uploaded.
    /// </summary>
    public static bool IsServedBack(PhoneUploadKind kind) => IsSettings(kind) || kind is PhoneUploadKind.YealinkContacts;

    /// <summary>Whether a phone of <paramref name="vendor"/> uses this name; <c>-boot.log</c> is both vendors'.</summary>
    public bool IsFor(Vendor? vendor) => Kind switch
    {
        PhoneUploadKind.PolycomPhoneOverrides or PhoneUploadKind.PolycomWebOverrides or PhoneUploadKind.AppLog => vendor == Vendor.Polycom,
        PhoneUploadKind.YealinkLocalConfig or PhoneUploadKind.YealinkContacts or PhoneUploadKind.SysLog => vendor == Vendor.Yealink,
        _ => vendor is not null,
    };

    /// <summary>The type the file is served back with: XML for Polycom files and Yealink contacts, text for a Yealink's <c>key = value</c>.</summary>
    public string ContentType => Kind == PhoneUploadKind.YealinkLocalConfig ? "text/plain; charset=utf-8" : "application/xml; charset=utf-8";

    public static bool TryParse(string? path, [NotNullWhen(true)] out UploadRequest? request)
    {
        request = null;
        var name = path?.TrimStart('/').ToLowerInvariant();
        if (name is null || UploadRegex().Match(name) is not { Success: true } match
            || !MacAddress.TryParse(match.Groups["mac"].Value, out var mac) || match.Groups["mac"].Value == "000000000000")
        {
            return false;
        }
        var kind = match.Groups["suffix"].Value switch
        {
            "-phone.cfg" => PhoneUploadKind.PolycomPhoneOverrides,
            "-web.cfg" => PhoneUploadKind.PolycomWebOverrides,
            "-app.log" => PhoneUploadKind.AppLog,
            "-boot.log" => PhoneUploadKind.BootLog,
            "-local.cfg" => PhoneUploadKind.YealinkLocalConfig,
            "-contact.xml" => PhoneUploadKind.YealinkContacts,
            _ => PhoneUploadKind.SysLog,
        };
        request = new UploadRequest(name, kind, mac);
        return true;
    }

    [GeneratedRegex(@"^(?<mac>[0-9a-f]{12})(?<suffix>-phone\.cfg|-web\.cfg|-app\.log|-boot\.log|-local\.cfg|-contact\.xml|-sys\.log)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex UploadRegex();
}
