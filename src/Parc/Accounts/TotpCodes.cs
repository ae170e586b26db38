using OtpNet;

namespace Sophia.Parc.Accounts;

/// <summary>
/// Time-based one-time codes (RFC 6238: 6 digits, 30 s steps, SHA-1, what every authenticator app reads from an
/// <c>otpauth://</c> address). A code is accepted one step either side of now, for clocks a little apart.
/// </summary>
public static class TotpCodes
{
    public const string Issuer = "Sophia";

    /// <summary>A new secret (160 bits, RFC 4226's recommendation), in base32 as authenticator apps take it.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The address an authenticator app reads (as a QR code or pasted) to add the account.</summary>
    public static string Uri(string secret, string login) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(login)}?secret={secret}&issuer={System.Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The time step <paramref name="code"/> is valid for at <paramref name="now"/> (±1 step), or null.</summary>
    public static long? MatchingStep(string secret, string? code, DateTimeOffset now)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal);
        if (digits is not { Length: 6 } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(now.UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    /// <summary>The code of <paramref name="secret"/> at <paramref name="at"/>: what an authenticator app shows (for tests and tools).</summary>
    public static string Code(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);
}
