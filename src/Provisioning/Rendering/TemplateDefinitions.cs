using Sophia.DeviceModels;

namespace Sophia.Provisioning.Rendering;

/// <summary>How a rendered file is checked before it is served.</summary>
public enum OutputFormat
{
    /// <summary>Yealink <c>.cfg</c>: <c>#!version:1.0.0.1</c>, then <c>key = value</c> lines and comments, each key once.</summary>
    YealinkCfg,

    /// <summary>Well-formed XML.</summary>
    Xml,
}

/// <summary>One template Sophia uses, by its name relative to a template directory.</summary>
/// <param name="Name">e.g. <c>yealink/mac.cfg.sbn</c>.</param>
/// <param name="Renders">What the template produces, for people reading errors and previews.</param>
public sealed record TemplateDefinition(string Name, Vendor Vendor, OutputFormat Format, string ContentType, string Renders);

/// <summary>The templates, one per vendor file kind.</summary>
public static class TemplateDefinitions
{
    private const string Text = "text/plain; charset=utf-8";
    private const string XmlType = "application/xml; charset=utf-8";

    public static TemplateDefinition YealinkCommon { get; } =
        new("yealink/common.cfg.sbn", Vendor.Yealink, OutputFormat.YealinkCfg, Text, "y0000000000XX.cfg, the common file of a model family");

    public static TemplateDefinition YealinkPhone { get; } =
        new("yealink/mac.cfg.sbn", Vendor.Yealink, OutputFormat.YealinkCfg, Text, "<mac>.cfg, one phone's configuration");

    public static TemplateDefinition YealinkPhonebook { get; } =
        new("yealink/mac-phonebook.xml.sbn", Vendor.Yealink, OutputFormat.Xml, XmlType, "<mac>-phonebook.xml, one phone's remote phonebook");

    public static TemplateDefinition PolycomMaster { get; } =
        new("polycom/master.cfg.sbn", Vendor.Polycom, OutputFormat.Xml, XmlType, "000000000000.cfg and <mac>.cfg, the master file listing the configuration files");

    public static TemplateDefinition PolycomPhone { get; } =
        new("polycom/mac-sophia.cfg.sbn", Vendor.Polycom, OutputFormat.Xml, XmlType, "<mac>-sophia.cfg, one phone's configuration");

    public static TemplateDefinition PolycomDirectory { get; } =
        new("polycom/mac-directory.xml.sbn", Vendor.Polycom, OutputFormat.Xml, XmlType, "<mac>-directory.xml, one phone's contacts and speed dials");

    public static IReadOnlyList<TemplateDefinition> All { get; } =
        [YealinkCommon, YealinkPhone, YealinkPhonebook, PolycomMaster, PolycomPhone, PolycomDirectory];

    /// <summary>The definition for a name as people write it: <c>yealink/mac.cfg.sbn</c>, <c>templates\yealink\mac.cfg.sbn</c>.</summary>
    public static TemplateDefinition? Find(string name)
    {
        var normalized = name.Replace('\\', '/').TrimStart('/');
        if (normalized.StartsWith("templates/", StringComparison.OrdinalIgnoreCase))
        {
            normalized = normalized["templates/".Length..];
        }
        return All.FirstOrDefault(d => string.Equals(d.Name, normalized, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>What the Yealink common-file template sees: the family, not a phone.</summary>
/// <param name="FileName">e.g. <c>y000000000066.cfg</c>.</param>
/// <param name="Models">Catalog models of the family, e.g. <c>T46S</c>.</param>
public sealed record CommonConfig(string FileName, IReadOnlyList<string> Models, ServerInfo Server);

/// <summary>What the Polycom master template sees.</summary>
/// <param name="Mac">The phone when it asked for <c>&lt;mac&gt;.cfg</c>; empty for <c>000000000000.cfg</c>.</param>
/// <param name="ConfigFiles">The per-phone files to list in <c>CONFIG_FILES</c>, first wins.</param>
public sealed record MasterConfig(string Mac, IReadOnlyList<string> ConfigFiles, ServerInfo Server);
