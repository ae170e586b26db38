using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Contacts;

/// <summary>The guide's "Retour 1er / Précédent / Suivant / Fin" on a record, in the list's order, each only where it leads elsewhere.</summary>
internal static class RecordNavigation
{
    public static IEnumerable<ToolButton> Around(IReadOnlyList<int> ids, int current, Func<int, string> link)
    {
        var at = ids.ToList().IndexOf(current);
        if (at < 0)
        {
            yield break;
        }
        if (at > 0)
        {
            yield return new ToolButton(ToolKind.First, link(ids[0]));
            yield return new ToolButton(ToolKind.Previous, link(ids[at - 1]));
        }
        if (at < ids.Count - 1)
        {
            yield return new ToolButton(ToolKind.Next, link(ids[at + 1]));
            yield return new ToolButton(ToolKind.Last, link(ids[^1]));
        }
    }
}
