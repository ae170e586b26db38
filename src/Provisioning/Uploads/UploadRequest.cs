using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Provisioning;

namespace Sophia.Provisioning.Uploads;

/// <summary>
/// A file name a phone PUTs on <c>/prov/</c>: <c>&lt;mac&gt;-phone.cfg</c>, <c>-web.cfg</c>, <c>-app.log</c>,
/// <c>-boot.log</c> (Polycom), <c>-local.cfg</c>, <c>-sys.log</c> (Yealink). Any other name is refused.
/// </summary>
public sealed partial record UploadRequest(string Name, PhoneUploadKind Kind, MacAddress Mac)
{
    /// <summary>Whether the file holds settings (parsed into overrides) rather than a log.</summary>
    public static bool IsSettings(PhoneUploadKind kind) =>
        kind is PhoneUploadKind.PolycomPhoneOverrides or PhoneUploadKind.PolycomWebOverrides or PhoneUploadKind.YealinkLocalConfig;

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
            _ => PhoneUploadKind.SysLog,
        };
        request = new UploadRequest(name, kind, mac);
        return true;
    }

    [GeneratedRegex(@"^(?<mac>[0-9a-f]{12})(?<suffix>-phone\.cfg|-web\.cfg|-app\.log|-boot\.log|-local\.cfg|-sys\.log)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex UploadRegex();
}
