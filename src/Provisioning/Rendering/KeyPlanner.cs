using System.Globalization;
using Sophia.DeviceModels.Catalog;
using Sophia.Model.Parc;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// Lays the line keys then the user's function keys, in order, on the phone's keys, then on its expansion modules
/// where the model takes some, and lists the rest as not placed.
/// </summary>
internal static class KeyPlanner
{
    /// <param name="FunctionKey">The user's function key this is (its index), or null for a line key.</param>
    private sealed record Wanted(string Kind, int Line, string Value, string Label, string Description, int? FunctionKey = null);

    public static KeyLayout Plan(DeviceModel model, IReadOnlyList<SipLine> lines, IReadOnlyList<FunctionKeyRow> functionKeys, string sipDomain, List<string> warnings)
    {
        // The keys' own warnings are kept apart too, so that a view of the keys alone shows them without the rest.
        var keyWarnings = new List<string>();
        var layout = Lay(model, lines, functionKeys, sipDomain, keyWarnings);
        warnings.AddRange(keyWarnings);
        return layout with { Warnings = keyWarnings };
    }

    private static KeyLayout Lay(DeviceModel model, IReadOnlyList<SipLine> lines, IReadOnlyList<FunctionKeyRow> functionKeys, string sipDomain, List<string> warnings)
    {
        var wanted = new List<Wanted>();
        // A phone without line keys (T30, CP920 conference phone) still registers its line; it just has no key to
        // show it on, so only the function keys are reported as not placed.
        if (HasKeys(model))
        {
            foreach (var line in lines)
            {
                wanted.Add(new Wanted(KeyKinds.Line, line.Number, "", line.Label, $"line {line.Number}"));
            }
        }
        var firstLine = lines.Count > 0 ? lines[0].Number : 1;
        foreach (var key in functionKeys.OrderBy(k => k.Index))
        {
            if (ToWanted(key, firstLine, sipDomain, warnings) is { } item)
            {
                wanted.Add(item);
            }
        }

        var phoneCount = model.LineKeyCount;
        var perModule = model.ExpansionKeysPerModule;
        var capacity = phoneCount + (perModule * model.MaxExpansionModules);
        var placed = new List<PhoneKey>();
        var notPlaced = new List<PhoneKey>();
        var kindCounters = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < wanted.Count; i++)
        {
            var item = wanted[i];
            var position = i + 1;
            if (position > capacity)
            {
                notPlaced.Add(new PhoneKey(position, 0, 0, item.Kind, item.Line, item.Value, item.Label, 0, item.FunctionKey));
                warnings.Add(NotPlacedWarning(model, position, item.Description));
                continue;
            }
            var kindIndex = kindCounters[item.Kind] = kindCounters.GetValueOrDefault(item.Kind) + 1;
            var (module, number) = Slot(position, phoneCount, perModule);
            placed.Add(new PhoneKey(position, module, number, item.Kind, item.Line, item.Value, item.Label, kindIndex, item.FunctionKey));
        }

        var phone = Enumerable.Range(1, phoneCount)
            .Select(n => placed.FirstOrDefault(k => k.Position == n) ?? Unused(n, 0, n))
            .ToList();
        var lastModule = placed.Count == 0 ? 0 : placed.Max(k => k.Module);
        var expansion = new List<ExpansionModuleKeys>();
        for (var module = 1; module <= lastModule; module++)
        {
            var first = placed.Where(k => k.Module == module).Min(k => k.Number);
            var last = placed.Where(k => k.Module == module).Max(k => k.Number);
            var moduleName = model.ExpansionModules[0].Name;
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Keys {first} to {last} of expansion module {module} ({moduleName}) are in use: the phone shows them only with the module attached."));
            expansion.Add(new ExpansionModuleKeys(module, [.. Enumerable.Range(1, perModule)
                .Select(n => placed.FirstOrDefault(k => k.Module == module && k.Number == n)
                    ?? Unused(phoneCount + ((module - 1) * perModule) + n, module, n))]));
        }
        return new KeyLayout(phone, expansion, notPlaced, capacity);
    }

    private static Wanted? ToWanted(FunctionKeyRow key, int line, string sipDomain, List<string> warnings)
    {
        var label = ConfigText.Clean(key.Label);
        switch (key.Kind)
        {
            case FunctionKeyKind.Supervision when !string.IsNullOrWhiteSpace(key.SupervisedSipUsername):
                var address = $"{ConfigText.Clean(key.SupervisedSipUsername)}@{ConfigText.Clean(sipDomain)}";
                var name = label.Length > 0 ? label : ConfigText.Clean(key.SupervisedName);
                return new Wanted(KeyKinds.Blf, line, address, name, $"supervision of {name}", key.Index);
            case FunctionKeyKind.SpeedDial when ConfigText.Dialable(key.Number) is { Length: > 0 } number:
                return new Wanted(KeyKinds.SpeedDial, line, number, label.Length > 0 ? label : number, $"speed dial {label} {number}", key.Index);
            default:
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Function key {key.Index} ({key.Kind}) has no {(key.Kind == FunctionKeyKind.Supervision ? "supervised user" : "number")}: it is left out."));
                return null;
        }
    }

    private static (int Module, int Number) Slot(int position, int phoneCount, int perModule)
    {
        if (position <= phoneCount)
        {
            return (0, position);
        }
        var onModules = position - phoneCount - 1;
        return ((onModules / perModule) + 1, (onModules % perModule) + 1);
    }

    private static PhoneKey Unused(int position, int module, int number) =>
        new(position, module, number, KeyKinds.Unused, 0, "", "", 0);

    private static bool HasKeys(DeviceModel model) => model.LineKeyCount > 0 || model.MaxExpansionModules > 0;

    private static string NotPlacedWarning(DeviceModel model, int position, string description)
    {
        if (!HasKeys(model))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Key {position} ({description}) is not placed: the {model.DisplayName} has no line keys, so no function key can be placed on it.");
        }
        var room = model.MaxExpansionModules == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{model.LineKeyCount} line keys and no expansion module")
            : string.Create(CultureInfo.InvariantCulture,
                $"{model.LineKeyCount} line keys and {model.MaxExpansionModules} x {model.ExpansionKeysPerModule} expansion keys");
        return string.Create(CultureInfo.InvariantCulture, $"Key {position} ({description}) is not placed: the {model.DisplayName} has {room}.");
    }
}
