using Microsoft.AspNetCore.Mvc;
using Sophia.Model.Contacts;
using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Contacts;
using Sophia.Parc.FunctionKeys;
using Sophia.Parc.Users;
using Sophia.Provisioning.Diagnostics;
using Sophia.Provisioning.Http;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.SelfCare;

/// <summary>
/// The guide's "Paramétrer une touche de fonction": the user's keys as one ordered list (the order is the key's index),
/// each a supervision of an internal contact or a speed dial, saved all at once; and beside them each of the user's phones
/// drawn with the keys where provisioning puts them, a key the phone cannot place flagged with the reason.
/// </summary>
/// <remarks>
/// Adding, moving and deleting rows work without a script (each is a post that redraws the unsaved list);
/// <c>selfcare.js</c> does the same in place and adds drag and drop.
/// </remarks>
public sealed class KeysModel(Levels levels, FunctionKeyOperations keys, InternalContactOperations contacts, KeyLayoutOperations layouts) : ConsolePage
{
    /// <summary>The rows of the form, in their order; each row's <see cref="KeyRow.Id"/> is its name in the form.</summary>
    [BindProperty]
    public List<KeyRow> Rows { get; set; } = [];

    [BindProperty]
    public long? Version { get; set; }

    public UserDto Owner { get; private set; } = null!;

    /// <summary>The client's users a key may supervise: every internal contact that is a user, but the owner.</summary>
    public IReadOnlyList<InternalContact> Colleagues { get; private set; } = [];

    /// <summary>Each of the owner's phones with the saved keys laid out; shown against the rows only while they are the saved ones.</summary>
    public IReadOnlyList<PhoneKeyLayoutDto> Phones { get; private set; } = [];

    /// <summary>Whether the rows are the saved keys (then each row's placement on the phones is shown beside it).</summary>
    public bool Pristine { get; private set; }

    /// <summary>The saved keys when a save came too late: someone changed them since this form was read.</summary>
    public FunctionKeyList? Theirs { get; private set; }

    public bool Saved { get; private set; }

    /// <summary>The keys as saved, for the drawings (the rows may have changed since).</summary>
    public IReadOnlyList<FunctionKeyDto> SavedKeys { get; private set; } = [];

    public async Task OnGetAsync(int userId, bool saved = false)
    {
        var list = await FrameAsync(userId);
        Rows = [.. list.Keys.Select((k, i) => KeyRow.From(k, i))];
        Version = list.Version;
        Pristine = true;
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(int userId)
    {
        try
        {
            await keys.ReplaceAsync(Caller, userId, [.. Rows.Select(r => r.ToInput())], Version, Aborted);
            return Redirect(Links.UserKeys(userId) + "?saved=true");
        }
        catch (RuleViolationException refusal)
        {
            var current = await FrameAsync(userId);
            if (refusal.Kind == RuleViolationKind.Stale)
            {
                Theirs = current;
                // Saving again now is a choice made seeing their keys: it replaces them knowingly.
                Version = current.Version;
                ModelState.Remove(nameof(Version));
            }
            Show(refusal, FieldsOfRows());
            return Page();
        }
    }

    /// <summary>Without a script: adds an empty row, or moves or deletes the row a button names; nothing is saved.</summary>
    public async Task OnPostArrangeAsync(int userId, string? add, string? up, string? down, string? remove)
    {
        await FrameAsync(userId);
        var at = Rows.FindIndex(r => r.Id == (up ?? down ?? remove));
        if (add is not null)
        {
            var id = Enumerable.Range(1, Rows.Count + 1).Select(n => "n" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)).First(n => Rows.All(r => r.Id != n));
            Rows.Add(new KeyRow { Id = id, Kind = FunctionKeyKind.Supervision });
        }
        else if (at >= 0 && remove is not null)
        {
            Rows.RemoveAt(at);
        }
        else if (at >= 0 && (up is not null ? at - 1 : at + 1) is var to && to >= 0 && to < Rows.Count)
        {
            (Rows[at], Rows[to]) = (Rows[to], Rows[at]);
        }
        // The form shows the rows as arranged, not as posted.
        ModelState.Clear();
    }

    /// <summary>The errors of a row's field, in the user's language, for the field's place in the table.</summary>
    public string? ErrorOf(KeyRow row, string field) =>
        ModelState.TryGetValue($"Rows[{row.Id}].{field}", out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;

    /// <summary>Where the row's saved key is on <paramref name="phone"/>.</summary>
    public static FunctionKeyPlacementDto? PlacementOf(PhoneKeyLayoutDto phone, KeyRow row) =>
        row.Index is { } index ? phone.FunctionKeys.FirstOrDefault(k => k.FunctionKey == index) : null;

    /// <summary>Why a key is where it is, or is not, on <paramref name="phone"/>; null when there is nothing to say.</summary>
    public string? ReasonOf(PhoneKeyLayoutDto phone, FunctionKeyPlacementDto placement) => placement.Placement switch
    {
        KeyPlacement.NotPlaced when phone.LineKeyCount == 0 && phone.MaxExpansionModules == 0 =>
            T.Format("selfcare.reason.noLineKeys", ("model", phone.ModelName)),
        KeyPlacement.NotPlaced when phone.MaxExpansionModules == 0 => T.Format("selfcare.reason.capacityNoModule",
            ("model", phone.ModelName), ("lineKeys", phone.LineKeyCount)),
        KeyPlacement.NotPlaced => T.Format("selfcare.reason.capacity", ("model", phone.ModelName), ("lineKeys", phone.LineKeyCount),
            ("modules", phone.MaxExpansionModules), ("moduleName", phone.ExpansionModuleName), ("perModule", phone.ExpansionKeysPerModule)),
        KeyPlacement.ExpansionModule => T.Format("selfcare.reason.module", ("moduleName", phone.ExpansionModuleName), ("module", placement.Module)),
        KeyPlacement.LeftOut => T["selfcare.reason.leftOut"],
        _ => null,
    };

    public string PlaceOf(PhoneKeyLayoutDto phone, FunctionKeyPlacementDto placement) => placement.Placement switch
    {
        KeyPlacement.Phone => T.Format("selfcare.place.phone", ("model", phone.ModelName), ("number", placement.Number)),
        KeyPlacement.ExpansionModule => T.Format("selfcare.place.module", ("model", phone.ModelName), ("module", placement.Module), ("number", placement.Number)),
        KeyPlacement.NotPlaced => T.Format("selfcare.place.notPlaced", ("model", phone.ModelName)),
        _ => T.Format("selfcare.place.leftOut", ("model", phone.ModelName)),
    };

    /// <summary>How a saved key shows in the conflict panel and the drawing's list: its contact or number.</summary>
    public string TargetOf(FunctionKeyDto key) => key.Kind == FunctionKeyKind.Supervision
        ? Colleagues.FirstOrDefault(c => c.Id == key.SupervisedUserId) is { } colleague ? ContactName(colleague) : key.SupervisedLogin ?? ""
        : key.Number ?? "";

    public static string ContactName(InternalContact contact) =>
        contact.Numbers.Count > 0 ? $"{contact.Name} ({contact.Numbers[0]})" : contact.Name;

    private async Task<FunctionKeyList> FrameAsync(int userId)
    {
        Owner = await levels.UserAsync(this, userId, "keys", Aborted);
        Frame.Title = T.Format("selfcare.keys.title", ("user", Levels.DisplayName(Owner)));
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Save, Form: "keys"),
            new ToolButton(ToolKind.Reset, Links.UserKeys(userId)),
        ]);
        var list = await keys.ListAsync(Caller, userId, Aborted);
        Colleagues = [.. (await contacts.ListAsync(Caller, Owner.ClientId, Aborted)).Where(c => c.Kind == InternalContactKind.User && c.Id != Owner.Id)];
        Phones = await layouts.ForUserAsync(Caller, userId, ProvisioningEndpoints.BaseUrl(HttpContext), Aborted);
        SavedKeys = list.Keys;
        return list;
    }

    // The operation names a key by its place in the list (keys[2].number); the form by the row's id.
    private Dictionary<string, string> FieldsOfRows()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i].Id;
            fields[$"keys[{i}].kind"] = $"Rows[{row}].Kind";
            fields[$"keys[{i}].supervisedUserId"] = $"Rows[{row}].SupervisedUserId";
            fields[$"keys[{i}].number"] = $"Rows[{row}].Number";
            fields[$"keys[{i}].label"] = $"Rows[{row}].Label";
            fields[$"keys[{i}].index"] = $"Rows[{row}].Label";
        }
        return fields;
    }
}

/// <summary>One key as the form edits it.</summary>
public sealed class KeyRow
{
    /// <summary>The row's name in the form (<c>Rows[k3].Label</c>), kept when rows move so their fields keep their values.</summary>
    public string Id { get; set; } = "";

    /// <summary>The saved key's index, for its place on the phones; null for a row not saved yet.</summary>
    public int? Index { get; set; }

    public FunctionKeyKind? Kind { get; set; }
    public int? SupervisedUserId { get; set; }
    public string? Number { get; set; }
    public string? Label { get; set; }

    public static KeyRow From(FunctionKeyDto key, int position) => new()
    {
        Id = "k" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Index = key.Index,
        Kind = key.Kind,
        SupervisedUserId = key.SupervisedUserId,
        Number = key.Number,
        Label = key.Label,
    };

    /// <summary>The key to save: its index is its place in the list.</summary>
    public FunctionKeyInput ToInput() => new(null, Kind, Kind == FunctionKeyKind.Supervision ? SupervisedUserId : null,
        Kind == FunctionKeyKind.SpeedDial ? Number : null, Label);
}
