using System.Security.Cryptography;
using System.Text;
using Sophia.DeviceModels.Identification;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// The digest credentials a Yealink sends for its remote phonebook (<c>remote_phonebook.data.1.username/password</c>):
/// the phone does not reuse its provisioning credentials there, so without these it gets 401 and an empty directory.
/// They open that one phone's <c>&lt;mac&gt;-phonebook.xml</c> and nothing else, and they are not the provisioning
/// secret: the password is an HMAC of the device (MAC, equipment, user) keyed with that secret, so reading it off a
/// phone's web page or config backup gives neither the secret nor another phone's directory. It changes by itself when
/// the phone is given to someone else or its provisioning password changes, and needs no column to store.
/// </summary>
public static class PhonebookCredentials
{
    /// <summary><c>phonebook-001565988c06</c>: never a client's provisioning user in practice, and never accepted for another file.</summary>
    public static string User(MacAddress mac) => $"phonebook-{mac}";

    /// <param name="provisioningSecret">The device's digest password (its own, else its client's).</param>
    public static string Password(MacAddress mac, int equipmentId, int userId, string provisioningSecret)
    {
        var data = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sophia-phonebook|{mac}|{equipmentId}|{userId}"));
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(provisioningSecret), data);
        // 24 URL-safe characters (144 bits): typed nowhere, and free of characters a config value would need escaped.
        return Convert.ToBase64String(hash, 0, 18).Replace('+', '-').Replace('/', '_');
    }
}
