namespace Sophia.Parc.Numbers;

/// <summary>How short numbers are derived, as the guide says: "4" + the last 2 and "4" + the last 3 digits of the number.</summary>
public static class ShortNumberRules
{
    public const char UserPrefix = '4';
    public const char ExternalContactPrefix = '5';

    public static IReadOnlyList<string> ForUserNumber(string e164) =>
        [UserPrefix + e164[^2..], UserPrefix + e164[^3..]];
}
