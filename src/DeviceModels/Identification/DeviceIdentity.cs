using Sophia.DeviceModels.Catalog;

namespace Sophia.DeviceModels.Identification;

/// <summary>What a phone says about itself when it asks for its configuration.</summary>
/// <param name="Vendor">The maker.</param>
/// <param name="ModelName">The model as the phone names it (<c>T46S</c>, <c>VVX 450</c>), even when the catalog lacks it.</param>
/// <param name="Model">The catalog model, or <see langword="null"/> for a model Sophia does not provision.</param>
/// <param name="Firmware">
/// The version of the phone's application (its firmware), e.g. <c>66.86.0.15</c>; null when the request came from
/// something else, such as a Polycom updater (<see cref="UpdaterVersion"/>).
/// </param>
/// <param name="Mac">The MAC address when the User-Agent carries one (Yealink always, Polycom on newer firmware).</param>
public sealed record DeviceIdentity(Vendor Vendor, string ModelName, DeviceModel? Model, string? Firmware, MacAddress? Mac)
{
    /// <summary>
    /// A Polycom's updater (boot-time program that installs the application) asks with its own version and
    /// <c>Type/Updater</c>: that version, which is not the phone's firmware.
    /// </summary>
    public string? UpdaterVersion { get; init; }

    /// <summary>The serial number a Polycom sends as <c>(SN:482567b5313f)</c>; on Poly phones it is the MAC.</summary>
    public string? SerialNumber { get; init; }
}
