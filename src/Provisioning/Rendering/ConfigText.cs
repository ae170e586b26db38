using System.Text;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// Cleans text from the parc before it reaches a template. No phone field can show a control character, and a line
/// break inside a Yealink <c>key = value</c> line would start a new key: they become spaces here, once, for every
/// template, the operator's included.
/// </summary>
public static class ConfigText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }
        return builder.ToString().Trim();
    }

    /// <summary>
    /// A number as typed (<c>06 54 89 78 45</c>) as a phone dials it (<c>0654897845</c>); a SIP address
    /// (<c>grp_test@15rp.sewan.eu</c>) is only cleaned.
    /// </summary>
    public static string Dialable(string? number)
    {
        var cleaned = Clean(number);
        if (cleaned.Contains('@', StringComparison.Ordinal))
        {
            return cleaned;
        }
        var builder = new StringBuilder(cleaned.Length);
        foreach (var c in cleaned)
        {
            if (c is not (' ' or '.' or '-' or '(' or ')' or '/'))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
