using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scriban;

namespace Sophia.Provisioning.Rendering;

/// <summary>One template in service.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="IsOverride">From the operator's directory rather than the built-in one.</param>
/// <param name="Hash">SHA-256 of its text.</param>
public sealed record TemplateInfo(TemplateDefinition Definition, string Path, bool IsOverride, string Hash);

/// <summary>
/// The templates in service: the built-in ones (<c>templates/</c> next to the binaries), each replaced by the
/// operator's file of the same relative name in <c>Sophia:Provisioning:TemplateDirectory</c>. Every template is
/// parsed and rendered against sample phones when loaded; one that fails is refused with its file and line, and
/// the version that served before (or the built-in one) keeps serving.
/// </summary>
public sealed class TemplateStore(IOptionsMonitor<ProvisioningOptions> options, ILogger<TemplateStore> logger) : IDisposable
{
    private sealed record Loaded(TemplateInfo Info, Template Template);

    private sealed record TemplateSet(FrozenDictionary<string, Loaded> Templates, string Version, IReadOnlyList<TemplateError> Errors);

    private readonly SemaphoreSlim reloading = new(1, 1);
    private TemplateSet? current;

    /// <summary>Changes whenever a template in service changes: renders are cached by it.</summary>
    public string Version => Current.Version;

    /// <summary>Why templates were refused at the last load; empty when all were taken.</summary>
    public IReadOnlyList<TemplateError> Errors => Current.Errors;

    /// <summary>The templates in service, in <see cref="TemplateDefinitions.All"/> order.</summary>
    public IReadOnlyList<TemplateInfo> Templates =>
        [.. TemplateDefinitions.All.Where(d => Current.Templates.ContainsKey(d.Name)).Select(d => Current.Templates[d.Name].Info)];

    private TemplateSet Current
    {
        get
        {
            if (Volatile.Read(ref current) is { } set)
            {
                return set;
            }
            reloading.Wait();
            try
            {
                return current ??= Load(null);
            }
            finally
            {
                reloading.Release();
            }
        }
    }

    /// <summary>Reads every template again; returns why some were refused (they keep their previous version).</summary>
    public async Task<IReadOnlyList<TemplateError>> ReloadAsync(CancellationToken ct = default)
    {
        await reloading.WaitAsync(ct);
        try
        {
            var set = await Task.Run(() => Load(current), ct);
            Volatile.Write(ref current, set);
            return set.Errors;
        }
        finally
        {
            reloading.Release();
        }
    }

    internal (TemplateInfo Info, Template Template) Get(TemplateDefinition definition) =>
        Current.Templates.TryGetValue(definition.Name, out var loaded)
            ? (loaded.Info, loaded.Template)
            : throw new InvalidOperationException($"No usable template {definition.Name}: see the template errors.");

    private TemplateSet Load(TemplateSet? previous)
    {
        var settings = options.CurrentValue;
        var builtIn = string.IsNullOrWhiteSpace(settings.BuiltInTemplateDirectory)
            ? Path.Combine(AppContext.BaseDirectory, "templates")
            : settings.BuiltInTemplateDirectory;
        var overrides = string.IsNullOrWhiteSpace(settings.TemplateDirectory) ? null : settings.TemplateDirectory;
        var errors = new List<TemplateError>();
        if (overrides is not null)
        {
            errors.AddRange(UnknownOverrides(overrides));
        }

        var loaded = new Dictionary<string, Loaded>(StringComparer.Ordinal);
        foreach (var definition in TemplateDefinitions.All)
        {
            var overridePath = overrides is null ? null : Path.Combine(overrides, definition.Name);
            var builtInPath = Path.Combine(builtIn, definition.Name);
            Loaded? chosen = null;
            if (overridePath is not null && File.Exists(overridePath))
            {
                chosen = TryLoad(definition, overridePath, isOverride: true, errors);
            }
            else
            {
                chosen = TryLoad(definition, builtInPath, isOverride: false, errors);
            }
            // The last good version keeps serving; on the first load, a refused override falls back to the built-in one.
            chosen ??= previous?.Templates.GetValueOrDefault(definition.Name)
                ?? (overridePath is not null && File.Exists(overridePath) ? TryLoad(definition, builtInPath, isOverride: false, errors) : null);
            if (chosen is not null)
            {
                loaded[definition.Name] = chosen;
            }
        }

        var version = Hash(string.Join('\n', loaded.Values.OrderBy(l => l.Info.Definition.Name, StringComparer.Ordinal).Select(l => $"{l.Info.Definition.Name}:{l.Info.Hash}")));
        foreach (var error in errors)
        {
            RenderingLog.TemplateRefused(logger, error.File, error.Line, error.Message);
        }
        var overridden = loaded.Values.Count(l => l.Info.IsOverride);
        RenderingLog.TemplatesLoaded(logger, version, loaded.Count, overridden, errors.Count);
        return new TemplateSet(loaded.ToFrozenDictionary(StringComparer.Ordinal), version, errors);
    }

    private static Loaded? TryLoad(TemplateDefinition definition, string path, bool isOverride, List<TemplateError> errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new TemplateError(path, 0, $"Cannot read the template: {e.Message}"));
            return null;
        }
        var template = Template.Parse(text, path);
        if (template.HasErrors)
        {
            errors.AddRange(TemplateRunner.ParseErrors(template, path));
            return null;
        }
        foreach (var sample in SampleConfigs.For(definition))
        {
            if (TemplateRunner.Run(template, path, definition.Format, sample, quoteOutput: true).Error is { } error)
            {
                errors.Add(error);
                return null;
            }
        }
        return new Loaded(new TemplateInfo(definition, path, isOverride, Hash(text)), template);
    }

    // A misspelt file name in the operator's directory would otherwise be silently ignored.
    private static IEnumerable<TemplateError> UnknownOverrides(string directory)
    {
        if (!Directory.Exists(directory))
        {
            yield return new TemplateError(directory, 0, "The template directory does not exist.");
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*.sbn", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            if (TemplateDefinitions.All.All(d => d.Name != relative))
            {
                yield return new TemplateError(file, 0,
                    $"Not a template Sophia uses; the names are {string.Join(", ", TemplateDefinitions.All.Select(d => d.Name))}.");
            }
        }
    }

    public void Dispose() => reloading.Dispose();

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
