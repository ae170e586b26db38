using System.Xml;
using System.Xml.Linq;

namespace Sophia.Provisioning.Uploads;

/// <summary>
/// A Yealink's local contacts as it backs them up (<c>&lt;mac&gt;-contact.xml</c>): one <c>&lt;contact display_name="…" …/&gt;</c>
/// element per contact, under a root that varies with the firmware.
/// </summary>
public static class PhoneContactsFile
{
    /// <summary>The number of contacts, or null when the file is not XML.</summary>
    public static int? Count(byte[] content)
    {
        // A phone's file is not trusted: no DTD (entity expansion), no external resolution.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            return XDocument.Load(reader).Descendants().Count(e => string.Equals(e.Name.LocalName, "contact", StringComparison.OrdinalIgnoreCase));
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
