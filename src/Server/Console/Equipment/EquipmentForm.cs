using Sophia.DeviceModels.Catalog;
using Sophia.Stock.Inventory;

namespace Sophia.Server.Console.Equipment;

/// <summary>A phone's fields as its record and the new-equipment form edit them; the model is a catalog id from a select.</summary>
public sealed class EquipmentForm
{
    public string? Mac { get; set; }
    public string? Model { get; set; }
    public string? Serial { get; set; }
    public string? Label { get; set; }

    public static EquipmentForm From(EquipmentDto phone) => new() { Mac = phone.Mac, Model = phone.Model, Serial = phone.SerialNumber, Label = phone.Label };

    public EquipmentInput ToNew() => new(Mac, Model, Serial, Label);

    /// <summary>A change leaves the MAC alone; a serial or label emptied in the form is emptied, not kept.</summary>
    public EquipmentInput ToChange() => new(null, Model, Serial ?? "", Label ?? "");

    /// <summary>The catalog's models for the select, by vendor; a stored model the catalog no longer lists stays choosable.</summary>
    public static IEnumerable<IGrouping<string, (string Id, string Name)>> Models(string? current)
    {
        var models = DeviceCatalog.All.Select(m => (Group: m.Vendor.ToString(), Id: m.Id, Name: m.DisplayName)).ToList();
        if (current is not null && !DeviceCatalog.TryFind(current, out _))
        {
            models.Insert(0, ("", current, current));
        }
        return models.GroupBy(m => m.Group, m => (m.Id, m.Name));
    }
}
