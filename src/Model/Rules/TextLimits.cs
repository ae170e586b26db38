namespace Sophia.Model.Rules;

/// <summary>
/// The longest text each kind of field takes, in one place for every operation and import: generous for what an admin
/// types (a name, a label, a comment), and small enough that one field cannot weigh on every phonebook, config and page
/// that shows it. Checked by the operations (the columns themselves are not bounded).
/// </summary>
public static class TextLimits
{
    /// <summary>A person's or a company's name, a site's or a client's name, a function or job title.</summary>
    public const int Name = 100;

    /// <summary>A civility (<c>Mme</c>, <c>Dr</c>).</summary>
    public const int Civility = 20;

    /// <summary>An equipment label.</summary>
    public const int Label = 100;

    /// <summary>An equipment serial number.</summary>
    public const int Serial = 64;

    /// <summary>A free comment (a user's description).</summary>
    public const int Comment = 500;

    /// <summary>An e-mail address (RFC 5321's path limit) or a login, which is one.</summary>
    public const int Email = 254;

    /// <summary>A host or domain name (RFC 1035).</summary>
    public const int HostName = 253;

    /// <summary>A user name for a protocol (provisioning digest).</summary>
    public const int UserName = 64;

    /// <summary>A password or secret typed by an admin.</summary>
    public const int Password = 128;

    /// <summary>A phone number or dial string as typed, before it is checked.</summary>
    public const int PhoneNumber = 32;

    /// <summary>A function key's label: what a phone's screen shows beside the key.</summary>
    public const int KeyLabel = 32;

    /// <summary>A call-restriction profile's name (its column holds 64) and its description.</summary>
    public const int ProfileName = 64;

    public const int ProfileDescription = 256;

    /// <summary>Entries of a list given in one field (a site's TFTP networks).</summary>
    public const int ListEntries = 100;

    /// <summary>Adds <see cref="CommonErrors.TooLong"/> on <paramref name="field"/> when <paramref name="value"/> is longer than <paramref name="max"/>.</summary>
    public static bool Check(string? value, int max, string field, ICollection<FieldError> errors)
    {
        if (value is { } text && text.Length > max)
        {
            errors.Add(CommonErrors.TooLong(field, max));
            return false;
        }
        return true;
    }
}
