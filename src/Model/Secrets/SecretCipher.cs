using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Sophia.Model.Secrets;

/// <summary>
/// Encrypts a secret column's value with Data Protection (the key ring in the database, wrapped by the master key kept
/// outside it). A stored value says it is encrypted by its prefix: a value written in clear before encryption existed
/// still reads, and the start-up step finds and encrypts it.
/// </summary>
public sealed class SecretCipher(IDataProtectionProvider provider)
{
    public const string Purpose = "Sophia.Secrets.v1";
    public const string Prefix = "dp1:";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string clear) =>
        Prefix + Base64Url.EncodeToString(protector.Protect(Encoding.UTF8.GetBytes(clear)));

    public string Unprotect(string stored) =>
        IsProtected(stored) ? Encoding.UTF8.GetString(protector.Unprotect(Base64Url.DecodeFromChars(stored.AsSpan(Prefix.Length)))) : stored;
}
