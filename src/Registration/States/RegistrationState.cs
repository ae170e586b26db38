using System.Text.Json.Serialization;

namespace Sophia.Registration.States;

/// <summary>A phone's registration state as the helpdesk sees it. The API words are the JSON names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RegistrationState>))]
public enum RegistrationState
{
    /// <summary>No source could tell: the registrar is down, or nothing was asked yet.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>The registrar holds a live binding (and the phone answers OPTIONS when probed).</summary>
    [JsonStringEnumMemberName("registered")]
    Registered,

    /// <summary>The registrar answered and holds no binding.</summary>
    [JsonStringEnumMemberName("not-registered")]
    NotRegistered,

    /// <summary>A binding exists (or existed) but the phone does not answer OPTIONS at its contact.</summary>
    [JsonStringEnumMemberName("unreachable")]
    Unreachable,
}

public static class RegistrationStateNames
{
    /// <summary>The API word: <c>registered</c>, <c>not-registered</c>, <c>unreachable</c>, <c>unknown</c>.</summary>
    public static string ToApiName(this RegistrationState state) => state switch
    {
        RegistrationState.Registered => "registered",
        RegistrationState.NotRegistered => "not-registered",
        RegistrationState.Unreachable => "unreachable",
        _ => "unknown",
    };

    public static bool TryParse(string? apiName, out RegistrationState state)
    {
        state = apiName switch
        {
            "registered" => RegistrationState.Registered,
            "not-registered" => RegistrationState.NotRegistered,
            "unreachable" => RegistrationState.Unreachable,
            "unknown" => RegistrationState.Unknown,
            _ => (RegistrationState)(-1),
        };
        return Enum.IsDefined(state);
    }
}
