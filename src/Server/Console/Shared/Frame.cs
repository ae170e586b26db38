namespace Sophia.Server.Console.Shared;

/// <summary>
/// What the layout draws around a page, as the guide's "Présentation rapide de l'interface" shows it: the breadcrumb
/// (where you are, each level a link up), the left menu of the current level with the active entry, and the contextual
/// toolbar with only the buttons that do something on this page.
/// </summary>
public sealed class Frame
{
    public string Title { get; set; } = "";
    public List<Crumb> Breadcrumb { get; } = [];
    public List<MenuEntry> Menu { get; } = [];
    public List<ToolButton> Toolbar { get; } = [];
}

public sealed record Crumb(string Label, string? Url);

public sealed record MenuEntry(string Label, string Url, bool Active);

/// <summary>
/// One toolbar button: a link (<see cref="Url"/>), or a submit of the page's form (<see cref="Form"/> names the form,
/// <see cref="Handler"/> the page handler). <see cref="Kind"/> picks its icon and label (<c>toolbar.&lt;kind&gt;</c>).
/// </summary>
public sealed record ToolButton(ToolKind Kind, string? Url = null, string? Form = null, string? Handler = null, string? Confirm = null);

/// <summary>The guide's toolbar buttons, in its order.</summary>
public enum ToolKind
{
    Down,
    Up,
    Edit,
    First,
    Previous,
    Next,
    Last,
    List,
    Add,
    Delete,
    Save,
    Reset,
    Cancel,
    Import,
    Export,
}
