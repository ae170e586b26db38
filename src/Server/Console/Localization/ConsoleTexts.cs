using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Sophia.Model.Rules;

namespace Sophia.Server.Console.Localization;

/// <summary>
/// The console's words in each language it speaks: French (the guide's, the default) and English. Each feature folder
/// keeps its own <c>texts.fr.json</c> / <c>texts.en.json</c> (embedded in the assembly); error codes of the operations
/// are translated by <c>errors.*.json</c> under the key <c>error.&lt;code&gt;</c>, with the error's arguments, so no
/// English message of an operation ever shows in the French console.
/// </summary>
public sealed class ConsoleTexts
{
    public const string French = "fr";
    public const string English = "en";
    public static readonly IReadOnlyList<string> Languages = [French, English];

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> byLanguage;

    public ConsoleTexts()
        : this(typeof(ConsoleTexts).Assembly)
    {
    }

    internal ConsoleTexts(Assembly assembly) => byLanguage = Load(assembly);

    /// <summary>The language of the current request (its UI culture), one of <see cref="Languages"/>.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : French;

    /// <summary>Every key of a language, for the tests that check both languages say the same things.</summary>
    public IReadOnlyCollection<string> Keys(string language) => byLanguage[language].Keys;

    public string this[string key] => Get(Current, key);

    /// <summary>The text of <paramref name="key"/> with its <c>{name}</c> placeholders filled.</summary>
    public string Format(string key, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            values[name] = Convert.ToString(value, CultureInfo.CurrentCulture) ?? "";
        }
        return FieldError.Fill(this[key], values);
    }

    /// <summary>An operation's error in the current language, from its code and arguments.</summary>
    public string Error(FieldError error) => Error(Current, error);

    public string Error(string language, FieldError error)
    {
        var texts = byLanguage[language];
        if (texts.TryGetValue("error." + error.Code, out var template))
        {
            return FieldError.Fill(template, error.Args);
        }
        // A code without its own translation still never shows the English message in another language.
        var generic = "error." + error.Code[(error.Code.LastIndexOf('.') + 1)..];
        return FieldError.Fill(texts.TryGetValue(generic, out var fallback) ? fallback : texts["error.invalid"], error.Args);
    }

    /// <summary>Whether <paramref name="code"/> has a translation of its own in <paramref name="language"/>.</summary>
    public bool Translates(string language, string code) => byLanguage[language].ContainsKey("error." + code);

    private string Get(string language, string key) =>
        byLanguage[language].TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"No {language} text for '{key}'.");

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load(Assembly assembly)
    {
        var result = new Dictionary<string, FrozenDictionary<string, string>>();
        foreach (var language in Languages)
        {
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith($".{language}.json", StringComparison.Ordinal)))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                var file = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                    ?? throw new InvalidOperationException($"{name} is not a JSON object of texts.");
                foreach (var (key, text) in file)
                {
                    if (!texts.TryAdd(key, text))
                    {
                        throw new InvalidOperationException($"The text '{key}' is defined twice ({name}).");
                    }
                }
            }
            result[language] = texts.ToFrozenDictionary(StringComparer.Ordinal);
        }
        return result.ToFrozenDictionary();
    }
}
