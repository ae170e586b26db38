using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Rules;

// Not Sophia.Parc.DeviceSettings like the folder: that namespace would hide the DeviceSettings type from all of Sophia.Parc.
namespace Sophia.Parc.PhoneSettings;

/// <summary>
/// A JSON merge patch (RFC 7396) over a phone's settings: a member with a value sets that setting, a member set to
/// <c>null</c> clears it (the phone's default again), an absent member keeps it. Members are the settings' API names,
/// matched in any case as the API binds bodies; any other member is refused, naming it.
/// </summary>
public static class SettingsMergePatch
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>As the API reads and writes bodies: web defaults, enums by camelCase name.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly FrozenDictionary<string, PropertyInfo> Members = typeof(DeviceSettings)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .ToFrozenDictionary(p => NameOf(p), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="current"/> with <paramref name="body"/> applied, and what in the patch could not be: an unknown
    /// member, or a value of the wrong type (that setting then keeps its current value). A value is never repeated in an
    /// error, since one of them is the lock code.
    /// </summary>
    public static (DeviceSettings Merged, IReadOnlyList<FieldError> Errors) Apply(DeviceSettings current, JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } patch)
        {
            throw new RuleViolationException(FieldError.Create("body", "patch.notObject",
                "A merge patch is a JSON object naming the settings to change, e.g. {\"ringtone\":\"Ring3\"}; null clears a setting."));
        }
        var target = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
        var errors = new List<FieldError>();
        foreach (var member in patch.EnumerateObject())
        {
            if (!Members.TryGetValue(member.Name, out var property))
            {
                errors.Add(FieldError.Create(member.Name, "setting.unknown", "'{setting}' is not a phone setting; the settings are {accepted}.",
                    ("setting", member.Name), ("accepted", Members.Values.Select(NameOf).ToList())));
                continue;
            }
            var name = NameOf(property);
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                target[name] = null;
                continue;
            }
            try
            {
                target[name] = JsonSerializer.SerializeToNode(member.Value.Deserialize(property.PropertyType, Json), property.PropertyType, Json);
            }
            catch (JsonException)
            {
                errors.Add(FieldError.Create(name, "body.wrongType", "{field} must be {expected}.", ("field", name), ("expected", Expected(property.PropertyType))));
            }
        }
        return (target.Deserialize<DeviceSettings>(Json)!, errors);
    }

    private static string NameOf(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(int) => "a whole number",
        var t when t.IsEnum => "one of " + string.Join(", ", Enum.GetNames(t).Select(JsonNamingPolicy.CamelCase.ConvertName)),
        _ => "a string",
    };
}
