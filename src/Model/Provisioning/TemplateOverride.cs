namespace Sophia.Model.Provisioning;

/// <summary>
/// The operator's text for one template (<c>yealink/mac.cfg.sbn</c>), served instead of the built-in one by every
/// node. A removed override keeps its row with no text (the built-in one serves again), so its version only ever
/// grows: the sum of all versions changes with every save, which is what the nodes poll to learn of a change.
/// </summary>
public sealed class TemplateOverride : IVersioned
{
    /// <summary>The template's name as <c>TemplateDefinitions</c> gives it.</summary>
    public required string Name { get; set; }

    /// <summary>The template's text; null once removed (the built-in one serves).</summary>
    public string? Text { get; set; }

    public long Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The login that saved or removed it.</summary>
    public required string ChangedBy { get; set; }
}
