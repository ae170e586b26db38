using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Sophia.Model.Numbers;

/// <summary>Parses phone numbers as people type them (French national form by default) into E.164.</summary>
public static class E164
{
    public const string DefaultRegion = "FR";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Normalises <paramref name="text"/> (<c>0185737636</c>, <c>+33 1 85 73 76 36</c>) to <c>+33185737636</c>.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? error, string region = DefaultRegion)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A phone number is required.";
            return false;
        }
        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(text, region);
        }
        catch (NumberParseException)
        {
            error = $"'{text}' is not a phone number.";
            return false;
        }
        if (!Util.IsValidNumber(parsed))
        {
            error = $"'{text}' is not a valid phone number for region {Util.GetRegionCodeForNumber(parsed) ?? region}.";
            return false;
        }
        e164 = Util.Format(parsed, PhoneNumberFormat.E164);
        error = null;
        return true;
    }

    /// <summary>The national form a French user dials and reads (<c>01 85 73 76 36</c> without spaces).</summary>
    public static string ToNational(string e164)
    {
        var parsed = Util.Parse(e164, DefaultRegion);
        return Util.Format(parsed, PhoneNumberFormat.NATIONAL).Replace(" ", "", StringComparison.Ordinal);
    }
}
