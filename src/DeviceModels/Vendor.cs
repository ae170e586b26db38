namespace Sophia.DeviceModels;

/// <summary>The phone makers Sophia provisions.</summary>
public enum Vendor
{
    Yealink,
    Polycom,
}
