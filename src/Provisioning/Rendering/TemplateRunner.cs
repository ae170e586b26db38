using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Sophia.Provisioning.Rendering;

/// <summary>Runs one parsed template on a model and checks what comes out.</summary>
internal static partial class TemplateRunner
{
    public const string YealinkVersionLine = "#!version:1.0.0.1";

    /// <summary>Parse errors with their 1-based line, or none.</summary>
    public static IReadOnlyList<TemplateError> ParseErrors(Template template, string path) =>
        [.. template.Messages
            .Where(m => m.Type == Scriban.Parsing.ParserMessageType.Error)
            .Select(m => new TemplateError(path, m.Span.Start.Line + 1, m.Message))];

    /// <summary>
    /// The rendered text, or the error that stopped it (with the template line) or that the output has. With
    /// <paramref name="quoteOutput"/> (sample data only), a faulty rendered line is quoted; real output may hold secrets.
    /// </summary>
    public static (string? Output, TemplateError? Error) Run(Template template, string path, OutputFormat format, object model, bool quoteOutput)
    {
        string output;
        try
        {
            output = template.Render(NewContext(model));
        }
        catch (ScriptRuntimeException e)
        {
            return (null, new TemplateError(path, e.Span.Start.Line + 1, e.OriginalMessage));
        }
        return Check(output, format, quoteOutput) is { } problem
            ? (null, new TemplateError(path, 0, problem))
            : (output, null);
    }

    // One context per thread, reset before each render (Scriban supports reuse on one thread): building one costs
    // more than a small template's run, mostly in cloning the builtins and in reflecting on the model's types,
    // whose accessors a context caches.
    [ThreadStatic]
    private static TemplateContext? threadContext;

    private static TemplateContext NewContext(object model)
    {
        var context = threadContext ??= CreateContext();
        context.Reset();
        context.PushCulture(CultureInfo.InvariantCulture);
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        context.PushGlobal(globals);
        return context;
    }

    private static TemplateContext CreateContext()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        // html.escape also turns every non-ASCII letter into a character reference; XML needs only these five.
        builtins.Import("xml_escape", new Func<string?, string>(XmlEscape));
        // Read-only, so that a template assigning to a builtin (date.format = ...) fails instead of changing what
        // the next renders on this thread get.
        foreach (var member in builtins.Values.OfType<ScriptObject>())
        {
            member.IsReadOnly = true;
        }
        builtins.IsReadOnly = true;
        return new TemplateContext(builtins)
        {
            // A misspelt variable or member is an error, not an empty value the phone would silently get.
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            MemberRenamer = StandardMemberRenamer.Default,
            LoopLimit = 100_000,
            RecursiveLimit = 64,
            OutputLimit = 4_000_000,
            NewLine = "\n",
        };
    }

    /// <summary>Text for an XML attribute or element: <c>&amp; &lt; &gt; " '</c> escaped, everything else as it is.</summary>
    public static string XmlEscape(string? text) =>
        string.IsNullOrEmpty(text)
            ? ""
            : text.Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal)
                .Replace("\"", "&quot;", StringComparison.Ordinal)
                .Replace("'", "&apos;", StringComparison.Ordinal);

    /// <summary>What is wrong with a rendered file, or null when a phone can take it.</summary>
    public static string? Check(string output, OutputFormat format, bool quoteOutput) => format switch
    {
        OutputFormat.YealinkCfg => CheckYealink(output, quoteOutput),
        _ => CheckXml(output),
    };

    private static string? CheckXml(string output)
    {
        try
        {
            XDocument.Parse(output);
            return null;
        }
        catch (XmlException e)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The rendered XML is not well-formed at rendered line {e.LineNumber}: {e.Message}");
        }
    }

    private static string? CheckYealink(string output, bool quoteOutput)
    {
        var lines = output.Split('\n');
        if (lines[0].TrimEnd('\r') != YealinkVersionLine)
        {
            return $"A Yealink file must start with '{YealinkVersionLine}'.";
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (YealinkLineRegex().Match(line) is not { Success: true } match)
            {
                var quoted = quoteOutput ? $": '{line}'" : "";
                return string.Create(CultureInfo.InvariantCulture, $"Rendered line {i + 1} is not 'key = value' or a comment{quoted}.");
            }
            var key = match.Groups["key"].Value;
            if (seen.TryGetValue(key, out var first))
            {
                return string.Create(CultureInfo.InvariantCulture, $"Key {key} is set twice, on rendered lines {first} and {i + 1}.");
            }
            seen[key] = i + 1;
        }
        return null;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z0-9_.\-]*)\s*=.*$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex YealinkLineRegex();
}
