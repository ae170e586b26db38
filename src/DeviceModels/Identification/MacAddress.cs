using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sophia.DeviceModels.Identification;

/// <summary>
/// A 48-bit hardware address. Phones and people write it in many ways
/// (<c>00:15:65:98:8C:06</c>, <c>00-15-65-98-8c-06</c>, <c>001565988c06</c>, <c>0015.6598.8c06</c>);
/// it is always stored and compared as its 48-bit value, and written canonically as 12 lower-case hex digits,
/// which is also how phones name their per-device files.
/// </summary>
public readonly record struct MacAddress : IComparable<MacAddress>
{
    private readonly ulong value;

    private MacAddress(ulong value) => this.value = value;

    /// <summary>The first three bytes, the vendor's Organisationally Unique Identifier, as 6 upper-case hex digits.</summary>
    public string Oui => (value >> 24).ToString("X6", CultureInfo.InvariantCulture);

    public static MacAddress Parse(string text) =>
        TryParse(text, out var mac)
            ? mac
            : throw new FormatException($"'{text}' is not a MAC address: expected 12 hex digits, optionally grouped by ':', '-' or '.'.");

    public static bool TryParse([NotNullWhen(true)] string? text, out MacAddress mac) =>
        TryParse(text.AsSpan(), out mac) && text is not null;

    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress mac)
    {
        mac = default;
        text = text.Trim();
        Span<char> digits = stackalloc char[12];
        var count = 0;
        char? separator = null;
        foreach (var c in text)
        {
            if (char.IsAsciiHexDigit(c))
            {
                if (count == 12)
                {
                    return false;
                }
                digits[count++] = c;
            }
            else if (c is ':' or '-' or '.')
            {
                // One separator kind only: "00:15-65..." is a typo, not an address.
                separator ??= c;
                if (separator != c)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }
        if (count != 12 || !IsWellGrouped(text, separator))
        {
            return false;
        }
        mac = new MacAddress(ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }

    private static bool IsWellGrouped(ReadOnlySpan<char> text, char? separator)
    {
        if (separator is null)
        {
            return true;
        }
        var groupLength = separator == '.' ? 4 : 2;
        var run = 0;
        foreach (var c in text)
        {
            if (c == separator)
            {
                if (run != groupLength)
                {
                    return false;
                }
                run = 0;
            }
            else
            {
                run++;
            }
        }
        return run == groupLength;
    }

    public static MacAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 6)
        {
            throw new ArgumentException("A MAC address has 6 bytes.", nameof(bytes));
        }
        Span<byte> padded = stackalloc byte[8];
        bytes.CopyTo(padded[2..]);
        return new MacAddress(BinaryPrimitives.ReadUInt64BigEndian(padded));
    }

    /// <summary>12 lower-case hex digits, as in <c>001565988c06.cfg</c>.</summary>
    public override string ToString() => value.ToString("x12", CultureInfo.InvariantCulture);

    /// <summary>Colon-separated upper-case, as printed on labels and in the console: <c>00:15:65:98:8C:06</c>.</summary>
    public string ToDisplayString()
    {
        var hex = value.ToString("X12", CultureInfo.InvariantCulture);
        return string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2)));
    }

    public int CompareTo(MacAddress other) => value.CompareTo(other.value);

    public static bool operator <(MacAddress left, MacAddress right) => left.CompareTo(right) < 0;
    public static bool operator >(MacAddress left, MacAddress right) => left.CompareTo(right) > 0;
    public static bool operator <=(MacAddress left, MacAddress right) => left.CompareTo(right) <= 0;
    public static bool operator >=(MacAddress left, MacAddress right) => left.CompareTo(right) >= 0;
}
