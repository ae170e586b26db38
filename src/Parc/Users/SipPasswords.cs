using System.Security.Cryptography;

namespace Sophia.Parc.Users;

/// <summary>The SIP password of a user's line: only the phones and, once, the person who renews it ever see it.</summary>
public static class SipPasswords
{
    /// <summary>A line password nobody types: 24 characters from 62, about 143 bits.</summary>
    public static string New() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24);
}
