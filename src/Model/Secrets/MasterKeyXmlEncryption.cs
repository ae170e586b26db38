using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Sophia.Model.Secrets;

/// <summary>
/// Wraps each Data Protection key before it goes to the database: AES-256-GCM under the current master key. The
/// wrapped element names the master key's id, so that a key wrapped under a previous master key still opens during a
/// rotation (<see cref="SecretsOptions.PreviousMasterKeys"/>).
/// </summary>
public sealed class MasterKeyXmlEncryptor(MasterKeys keys) : IXmlEncryptor
{
    internal static readonly XName Wrapped = "sophiaWrappedKey";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(Wrap(plaintextElement, keys.Current), typeof(MasterKeyXmlDecryptor));

    internal static XElement Wrap(XElement plaintextElement, MasterKey key)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(key.Id));
        return new XElement(Wrapped, new XAttribute("masterKeyId", key.Id), new XAttribute("algorithm", "AES-256-GCM"), Convert.ToBase64String(sealedBytes));
    }

    /// <summary>The id of the master key <paramref name="wrapped"/> needs.</summary>
    internal static string KeyIdOf(XElement wrapped) =>
        (string?)wrapped.Attribute("masterKeyId") ?? throw new CryptographicException("A wrapped key names no master key.");

    internal static XElement Unwrap(XElement wrapped, MasterKeys keys)
    {
        var id = KeyIdOf(wrapped);
        var key = keys.Find(id) ?? throw new CryptographicException(
            $"The key ring was wrapped under master key {id}, which is neither Sophia:Secrets:MasterKey nor one of Sophia:Secrets:PreviousMasterKeys.");
        var sealedBytes = Convert.FromBase64String(wrapped.Value);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("A wrapped key is truncated.");
        }
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(key.Id));
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}

/// <summary>Unwraps what <see cref="MasterKeyXmlEncryptor"/> wrapped; made by Data Protection from the type named in the key's XML.</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        MasterKeyXmlEncryptor.Unwrap(encryptedElement, services.GetRequiredService<MasterKeys>());
}
