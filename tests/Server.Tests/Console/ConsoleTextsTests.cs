using System.Text.RegularExpressions;
using Sophia.Model.Rules;
using Sophia.Server.Console.Localization;

namespace Sophia.Server.Tests.Console;

/// <summary>
/// The console speaks French and English alike: every text has both, every text a page asks for exists, and every error
/// code an operation can raise has its own translation, so that no English message of an operation shows in French.
/// </summary>
public sealed partial class ConsoleTextsTests
{
    private static readonly ConsoleTexts Texts = new();
    private static readonly string Source = FindSource();

    [Fact]
    public void French_and_English_have_the_same_texts()
    {
        var french = Texts.Keys(ConsoleTexts.French).ToHashSet();
        var english = Texts.Keys(ConsoleTexts.English).ToHashSet();
        Assert.Empty(french.Except(english));
        Assert.Empty(english.Except(french));
        Assert.True(french.Count > 100, $"Only {french.Count} texts.");
    }

    [Fact]
    public void Every_text_a_page_asks_for_exists()
    {
        var console = Path.Combine(Source, "Server", "Console");
        var asked = Directory.EnumerateFiles(console, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => TextKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToList();
        Assert.NotEmpty(asked);
        var known = Texts.Keys(ConsoleTexts.French).ToHashSet();
        var missing = asked.Where(a => !known.Contains(a.Key)).Select(a => $"{a.File}: {a.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Texts asked for but missing:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_error_code_the_operations_raise_has_its_own_translation_in_both_languages()
    {
        var codes = RaisedCodes();
        Assert.True(codes.Count > 80, $"Only {codes.Count} codes found: the scan lost its way.");
        foreach (var language in ConsoleTexts.Languages)
        {
            var missing = codes.Where(c => !Texts.Translates(language, c)).Order().ToList();
            Assert.True(missing.Count == 0, $"Codes without a {language} translation:\n" + string.Join("\n", missing));
        }
    }

    [Fact]
    public void A_translation_names_the_errors_arguments()
    {
        var error = FieldError.Create("login", "login.taken", "Login {login} is already taken.", ("login", "cseldon@15rp.sewan.eu"));
        Assert.Equal("L'identifiant cseldon@15rp.sewan.eu est déjà pris.", Texts.Error(ConsoleTexts.French, error));
        Assert.Equal("Login cseldon@15rp.sewan.eu is already taken.", Texts.Error(ConsoleTexts.English, error));
    }

    /// <summary>The codes raised in src: literal codes, not-found kinds, and the settings' per-field codes.</summary>
    private static HashSet<string> RaisedCodes()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("/Migrations/")))
        {
            var text = File.ReadAllText(file);
            codes.UnionWith(LiteralCode().Matches(text).Select(m => m.Groups["code"].Value));
            codes.UnionWith(NotFoundKind().Matches(text).Select(m => m.Groups["kind"].Value + ".notFound"));
        }
        codes.UnionWith(new[] { "dateFormat", "timeFormat", "screenOffMinutes", "ringtone" }.Select(s => s + ".notAccepted"));
        return codes;
    }

    private static string FindSource()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sophia.sln")))
            {
                return Path.Combine(directory.FullName, "src");
            }
        }
        throw new InvalidOperationException("No Sophia.sln above the test's directory.");
    }

    [GeneratedRegex("""(?:T|texts|Texts|page\.T)(?:\[|\.Format\()\s*"(?<key>[a-zA-Z][\w.]*)"[\],]""")]
    private static partial Regex TextKey();

    // FieldError.Create(field, "code", ...), SettingError.Create(field, "code", ...), PhoneNumberError.Create("code", ...).
    [GeneratedRegex(@"(?:FieldError|SettingError)\.Create\(\s*[^,]+,\s*""(?<code>[a-z][A-Za-z.]*)""|PhoneNumberError\.Create\(\s*""(?<code>[a-z][A-Za-z.]*)""")]
    private static partial Regex LiteralCode();

    [GeneratedRegex(@"NotFound\(\s*""[^""]*"",\s*""(?<kind>[a-zA-Z]+)""")]
    private static partial Regex NotFoundKind();
}
