using System.Globalization;
using System.Text;

namespace Sophia.Model.Rules;

/// <summary>
/// One thing wrong with a request: where (<see cref="Field"/>: a field, <c>keys[2].label</c>, <c>row 7: mac</c>), what in
/// a stable <see cref="Code"/> (<c>login.taken</c>) with the values it names (<see cref="Args"/>), and an English
/// <see cref="Message"/>. The console says the code in the user's language with the same arguments.
/// </summary>
public sealed record FieldError(string Field, string Code, string Message, IReadOnlyDictionary<string, string> Args)
{
    private static readonly IReadOnlyDictionary<string, string> NoArgs = new Dictionary<string, string>();

    /// <summary>
    /// An error whose English message is <paramref name="template"/> with each <c>{name}</c> replaced by its argument,
    /// so the message and a translation of the code name the same values.
    /// </summary>
    public static FieldError Create(string field, string code, string template, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        if (args.IsEmpty)
        {
            return new FieldError(field, code, template, NoArgs);
        }
        var values = new Dictionary<string, string>(args.Length, StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            values[name] = Format(value);
        }
        return new FieldError(field, code, Fill(template, values), values);
    }

    /// <summary>The same error, reported on another field (a CSV row's, a list item's).</summary>
    public FieldError At(string field) => this with { Field = field };

    /// <summary>Fills <c>{name}</c> placeholders; an unknown name stays as written.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> args)
    {
        var text = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                text.Append(template, i, template.Length - i);
                break;
            }
            text.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            text.Append(args.TryGetValue(name, out var value) ? value : template[open..(close + 1)]);
            i = close + 1;
        }
        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        IEnumerable<string> list => string.Join(", ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
