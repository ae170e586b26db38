using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Sophia.Provisioning.Uploads;

/// <summary>
/// The settings in a phone's configuration file, in order: a Polycom XML file (every attribute of every element is a
/// parameter, <c>&lt;OVERRIDES voIpProt.server.1.address="…"/&gt;</c>) or a Yealink <c>key = value</c> file.
/// </summary>
public static class PhoneSettingsFile
{
    /// <summary>The settings, the last value winning for a key set twice; null when the file is neither format.</summary>
    public static IReadOnlyDictionary<string, string>? TryParse(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        return text.TrimStart().StartsWith('<') ? ParseXml(text) : ParseKeyValues(text);
    }

    private static Dictionary<string, string>? ParseXml(string text)
    {
        // A phone's file is not trusted: no DTD (entity expansion), no external resolution.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var document = XDocument.Load(reader);
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attribute in document.Descendants().SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration))
            {
                keys[attribute.Name.LocalName] = attribute.Value;
            }
            return keys;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static Dictionary<string, string>? ParseKeyValues(string text)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }
            keys[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
        return keys;
    }
}
