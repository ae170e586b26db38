using System.Globalization;
using System.Text;

namespace Sophia.Model.Parc;

/// <summary>
/// The guide's default login: last name + first letter of the first name, lower case, without accents
/// or spaces, at the client's SIP domain (<c>Cédric Seldon</c> at <c>15rp.sewan.eu</c> gives <c>cseldon@15rp.sewan.eu</c>).
/// </summary>
public static class LoginGenerator
{
    public static string Base(string lastName, string? firstName, string sipDomain)
    {
        var initial = Simplify(firstName ?? "");
        var local = (initial.Length > 0 ? initial[..1] : "") + Simplify(lastName);
        if (local.Length == 0)
        {
            throw new ArgumentException("A login needs a last name with at least one letter or digit.", nameof(lastName));
        }
        return $"{local}@{sipDomain}";
    }

    /// <summary>The base login, or with the smallest digit suffix (2, 3, ...) that no one holds yet.</summary>
    public static string Unique(string lastName, string? firstName, string sipDomain, Func<string, bool> isTaken)
    {
        var login = Base(lastName, firstName, sipDomain);
        if (!isTaken(login))
        {
            return login;
        }
        var at = login.IndexOf('@', StringComparison.Ordinal);
        for (var n = 2; ; n++)
        {
            var candidate = $"{login[..at]}{n}{login[at..]}";
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Simplify(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            // Ligatures and letters that do not decompose.
            switch (lower)
            {
                case 'œ': builder.Append("oe"); break;
                case 'æ': builder.Append("ae"); break;
                case 'ß': builder.Append("ss"); break;
                case 'ø': builder.Append('o'); break;
                default:
                    if (char.IsAsciiLetterOrDigit(lower))
                    {
                        builder.Append(lower);
                    }
                    break;
            }
        }
        return builder.ToString();
    }
}
