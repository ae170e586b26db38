using System.Globalization;

namespace Sophia.DeviceModels.Settings;

/// <summary>One rejected setting.</summary>
/// <param name="Field">The camelCase name of the <see cref="DeviceSettings"/> property, e.g. <c>dateFormat</c>, as API clients send it.</param>
/// <param name="Code">Stable, e.g. <c>lockCode.digits</c>: what the console translates.</param>
/// <param name="Message">What is wrong and which values the model accepts, in English.</param>
/// <param name="Args">The values the message names (<c>model</c>, <c>accepted</c>, ...), for a translation to name them too.</param>
public sealed record SettingError(string Field, string Code, string Message, IReadOnlyDictionary<string, string> Args)
{
    internal static SettingError Create(string field, string code, string message, params ReadOnlySpan<(string Name, object Value)> args)
    {
        var values = new Dictionary<string, string>(args.Length, StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            values[name] = value switch
            {
                IEnumerable<string> list => string.Join(", ", list),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }
        return new SettingError(field, code, message, values);
    }
}
