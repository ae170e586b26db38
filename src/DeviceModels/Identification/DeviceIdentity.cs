using Sophia.DeviceModels.Catalog;

namespace Sophia.DeviceModels.Identification;

/// <summary>What a phone says about itself when it asks for its configuration.</summary>
/// <param name="Vendor">The maker.</param>
/// <param name="ModelName">The model as the phone names it (<c>T46S</c>, <c>VVX 450</c>), even when the catalog lacks it.</param>
/// <param name="Model">The catalog model, or <see langword="null"/> for a model Sophia does not provision.</param>
/// <param name="Firmware">The firmware version the phone reports, e.g. <c>66.86.0.15</c>.</param>
/// <param name="Mac">The MAC address when the User-Agent carries one (Yealink always, Polycom on newer firmware).</param>
public sealed record DeviceIdentity(Vendor Vendor, string ModelName, DeviceModel? Model, string? Firmware, MacAddress? Mac);
