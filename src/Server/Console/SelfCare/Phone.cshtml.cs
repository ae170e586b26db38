using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Rules;
using Sophia.Parc.PhoneSettings;
using Sophia.Parc.Users;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.SelfCare;

/// <summary>
/// A phone's settings as the guide's "Paramètres de l'équipement" and "Paramètres de sécurité" show them: only the
/// settings its model has, each offering only the values the model accepts; the lock code is typed, never shown back.
/// A save sends only what the form changed (a merge patch), so a setting changed elsewhere meanwhile stays as it is.
/// </summary>
public sealed class PhoneModel(Levels levels, UserOperations users, DeviceSettingsOperations settings) : ConsolePage
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["callWaiting"] = "Input.CallWaiting",
        ["callWaitingTone"] = "Input.CallWaitingTone",
        ["dateFormat"] = "Input.DateFormat",
        ["timeFormat"] = "Input.TimeFormat",
        ["screenOffMinutes"] = "Input.ScreenOffMinutes",
        ["ringtone"] = "Input.Ringtone",
        ["lockCode"] = nameof(LockCode),
    };

    [BindProperty]
    public SettingsForm Input { get; set; } = new();

    /// <summary>The values the form was read with: a save sends only the settings that differ from them.</summary>
    [BindProperty]
    public SettingsForm Original { get; set; } = new();

    /// <summary>A new lock code; empty keeps the current one.</summary>
    [BindProperty]
    public string? LockCode { get; set; }

    [BindProperty]
    public bool ClearLockCode { get; set; }

    [BindProperty]
    public long? Version { get; set; }

    public int UserId { get; private set; }

    public UserEquipmentDto Phone { get; private set; } = null!;

    public DeviceModel Device { get; private set; } = null!;

    public bool LockCodeSet { get; private set; }

    /// <summary>The saved settings when a save came too late: someone changed the phone since this form was read.</summary>
    public DeviceSettings? Theirs { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int userId, string mac, bool saved = false)
    {
        if (await FrameAsync(userId, mac) is not { } current)
        {
            return NotFound();
        }
        Input = SettingsForm.From(current.Settings);
        Original = SettingsForm.From(current.Settings);
        Version = current.Version;
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int userId, string mac)
    {
        if (await FrameAsync(userId, mac) is null)
        {
            return NotFound();
        }
        try
        {
            await settings.PatchAsync(Caller, Phone.Mac, Changes(), Version, Aborted);
            return Redirect(Links.UserPhone(userId, Phone.Mac) + "?saved=true");
        }
        catch (RuleViolationException refusal)
        {
            var current = await settings.GetAsync(Caller, Phone.Mac, Aborted);
            LockCodeSet = current.Settings.LockCode is not null;
            if (refusal.Kind == RuleViolationKind.Stale)
            {
                // The form keeps what was typed and what it started from: saving again sends the same changes over theirs.
                Theirs = current.Settings;
                Version = current.Version;
                ModelState.Remove(nameof(Version));
            }
            Show(refusal, Fields);
            return Page();
        }
    }

    /// <summary>The errors of a field, in the user's language, shown next to it.</summary>
    public string? ErrorOf(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>What a setting's value reads as in this page.</summary>
    public string ScreenOffText(int minutes) =>
        minutes == 0 ? T["selfcare.phone.never"] : T.Format("selfcare.phone.minutes", ("minutes", minutes));

    public string RingtoneText(string ringtone) => ringtone == Ringtones.Silent ? T["selfcare.phone.Silent"] : ringtone;

    public string SwitchText(bool? value) => value switch
    {
        true => T["selfcare.phone.on"],
        false => T["selfcare.phone.off"],
        null => T["selfcare.phone.default"],
    };

    /// <summary>The merge patch of what the form changed: a setting put back to the phone's default is sent as null.</summary>
    private JsonElement Changes()
    {
        var patch = new JsonObject();
        void Changed(string name, string? now, string? was, Func<string, JsonNode?> value)
        {
            if (!string.Equals(now ?? "", was ?? "", StringComparison.Ordinal))
            {
                patch[name] = string.IsNullOrEmpty(now) ? null : value(now);
            }
        }
        Changed("callWaiting", Input.CallWaiting, Original.CallWaiting, v => JsonValue.Create(v == "true"));
        Changed("callWaitingTone", Input.CallWaitingTone, Original.CallWaitingTone, v => JsonValue.Create(v == "true"));
        Changed("dateFormat", Input.DateFormat, Original.DateFormat, v => JsonValue.Create(v));
        Changed("timeFormat", Input.TimeFormat, Original.TimeFormat, v => JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(v)));
        // A number the browser let through unparsed goes as typed: the operation says what it must be.
        Changed("screenOffMinutes", Input.ScreenOffMinutes?.Trim(), Original.ScreenOffMinutes, v =>
            int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) ? JsonValue.Create(minutes) : JsonValue.Create(v));
        Changed("ringtone", Input.Ringtone, Original.Ringtone, v => JsonValue.Create(v));
        if (ClearLockCode)
        {
            patch["lockCode"] = null;
        }
        else if (!string.IsNullOrEmpty(LockCode))
        {
            patch["lockCode"] = LockCode;
        }
        return JsonSerializer.SerializeToElement(patch);
    }

    /// <summary>The frame and the phone's saved settings; null when the phone is not one of this user's.</summary>
    private async Task<VersionedSettings?> FrameAsync(int userId, string mac)
    {
        var owner = await levels.UserAsync(this, userId, "phones", Aborted);
        UserId = owner.Id;
        var phones = await users.ListEquipmentAsync(Caller, userId, Aborted);
        if (!MacAddress.TryParse(mac, out var address) || phones.FirstOrDefault(p => MacAddress.Parse(p.Mac) == address) is not { } phone)
        {
            return null;
        }
        Phone = phone;
        Device = DeviceCatalog.Get(phone.Model);
        Frame.Title = T.Format("selfcare.phone.title", ("model", phone.ModelName), ("mac", phone.Mac));
        Frame.Toolbar.AddRange([
            new ToolButton(ToolKind.Save, Form: "settings"),
            new ToolButton(ToolKind.Reset, Links.UserPhone(userId, phone.Mac)),
            new ToolButton(ToolKind.Cancel, Links.UserPhones(userId)),
        ]);
        var current = await settings.GetAsync(Caller, phone.Mac, Aborted);
        LockCodeSet = current.Settings.LockCode is not null;
        return current;
    }
}

/// <summary>The settings as the form edits them, each as the text its field posts; empty is the phone's default.</summary>
public sealed class SettingsForm
{
    public string? CallWaiting { get; set; }
    public string? CallWaitingTone { get; set; }
    public string? DateFormat { get; set; }
    public string? TimeFormat { get; set; }
    public string? ScreenOffMinutes { get; set; }
    public string? Ringtone { get; set; }

    public static SettingsForm From(DeviceSettings settings) => new()
    {
        CallWaiting = Flag(settings.CallWaiting),
        CallWaitingTone = Flag(settings.CallWaitingTone),
        DateFormat = settings.DateFormat,
        TimeFormat = settings.TimeFormat?.ToString(),
        ScreenOffMinutes = settings.ScreenOffMinutes?.ToString(CultureInfo.InvariantCulture),
        Ringtone = settings.Ringtone,
    };

    private static string? Flag(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };
}
