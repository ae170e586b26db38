using System.Security.Cryptography;
using System.Text;

namespace Sophia.Parc.Accounts;

/// <summary>
/// The bearer tokens of the API: 32 random bytes handed to the caller once, of which the database keeps only the
/// SHA-256, so every node accepts them and a leaked database gives no usable token.
/// </summary>
public static class TokenSecrets
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
