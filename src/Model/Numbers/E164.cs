using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Sophia.Model.Numbers;

/// <summary>Parses phone numbers as people type them (French national form by default) into E.164.</summary>
public static class E164
{
    public const string DefaultRegion = "FR";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Normalises <paramref name="text"/> (<c>0185737636</c>, <c>+33 1 85 73 76 36</c>) to <c>+33185737636</c>.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out PhoneNumberError? error, string region = DefaultRegion)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = PhoneNumberError.Create("phoneNumber.required", "A phone number is required.");
            return false;
        }
        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(text, region);
        }
        catch (NumberParseException)
        {
            error = PhoneNumberError.Create("phoneNumber.invalid", "'{value}' is not a phone number.", ("value", text));
            return false;
        }
        if (!Util.IsValidNumber(parsed))
        {
            error = PhoneNumberError.Create("phoneNumber.notValidInRegion", "'{value}' is not a valid phone number for region {region}.",
                ("value", text), ("region", Util.GetRegionCodeForNumber(parsed) ?? region));
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

/// <summary>Why a text is not a phone number: a code and its arguments, placed on a field by whoever asked.</summary>
public sealed record PhoneNumberError(string Code, string Message, IReadOnlyDictionary<string, string> Args)
{
    internal static PhoneNumberError Create(string code, string template, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var error = Rules.FieldError.Create("", code, template, args);
        return new PhoneNumberError(code, error.Message, error.Args);
    }
}
