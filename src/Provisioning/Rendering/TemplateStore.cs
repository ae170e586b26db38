using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scriban;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;

namespace Sophia.Provisioning.Rendering;

/// <summary>One template in service.</summary>
/// <param name="Path">Where it comes from: the built-in file, or the override's name and version.</param>
/// <param name="IsOverride">The operator's override (from the database) rather than the built-in one.</param>
/// <param name="Hash">SHA-256 of its text.</param>
/// <param name="OverrideVersion">The override's version, null for a built-in one.</param>
public sealed record TemplateInfo(TemplateDefinition Definition, string Path, bool IsOverride, string Hash, long? OverrideVersion = null);

/// <summary>
/// The templates in service: the built-in ones (<c>templates/</c> next to the binaries), each replaced by the
/// operator's override of the same name kept in the database (<see cref="TemplateOverride"/>), so that every node
/// serves the same ones. Files in <c>Sophia:Provisioning:TemplateDirectory</c> are imported as overrides when the
/// store is (re)loaded at start and differ from the database's. Every template is parsed and rendered against sample
/// phones when loaded; one that fails is refused with its source and line, and the version that served before (or
/// the built-in one) keeps serving. <see cref="PollAsync"/> reloads when another node changed an override.
/// </summary>
public sealed class TemplateStore(
    IOptionsMonitor<ProvisioningOptions> options, IServiceScopeFactory scopes, TimeProvider time, ILogger<TemplateStore> logger) : IDisposable
{
    /// <summary>Who an override imported from the template directory is changed by.</summary>
    public const string DirectoryImporter = "template-directory";

    private sealed record Loaded(TemplateInfo Info, Template Template);

    private sealed record TemplateSet(FrozenDictionary<string, Loaded> Templates, string Version, long Stamp, IReadOnlyList<TemplateError> Errors);

    private readonly SemaphoreSlim reloading = new(1, 1);
    private TemplateSet? current;
    private IReadOnlyList<TemplateError> importErrors = [];

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
                if (current is null)
                {
                    importErrors = ImportDirectory();
                    current = Load(null, ReadOverrides());
                }
                return current;
            }
            finally
            {
                reloading.Release();
            }
        }
    }

    /// <summary>
    /// Imports the template directory's files that differ from the database's overrides, then reads every template
    /// again; returns why some were refused (they keep their previous version).
    /// </summary>
    public async Task<IReadOnlyList<TemplateError>> ReloadAsync(CancellationToken ct = default)
    {
        await reloading.WaitAsync(ct);
        try
        {
            importErrors = await Task.Run(ImportDirectory, ct);
            return await LoadLockedAsync(ct);
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <summary>Reads the overrides from the database again (after a save of this node's, or another's).</summary>
    public async Task<IReadOnlyList<TemplateError>> RefreshAsync(CancellationToken ct = default)
    {
        await reloading.WaitAsync(ct);
        try
        {
            return await LoadLockedAsync(ct);
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <summary>
    /// One cheap query (the sum of the overrides' versions, which grows with every save or removal): reloads only when
    /// it moved since the last load. Returns whether it reloaded.
    /// </summary>
    public async Task<bool> PollAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var stamp = await db.TemplateOverrides.SumAsync(o => o.Version, ct);
        if (Volatile.Read(ref current) is { } set && set.Stamp == stamp)
        {
            return false;
        }
        await RefreshAsync(ct);
        return true;
    }

    internal (TemplateInfo Info, Template Template) Get(TemplateDefinition definition) =>
        Current.Templates.TryGetValue(definition.Name, out var loaded)
            ? (loaded.Info, loaded.Template)
            : throw new InvalidOperationException($"No usable template {definition.Name}: see the template errors.");

    /// <summary>Parses <paramref name="text"/> and renders it against the sample phones; returns why it is refused, empty when it is not.</summary>
    public static IReadOnlyList<TemplateError> Check(TemplateDefinition definition, string text, string source)
    {
        var errors = new List<TemplateError>();
        Compile(definition, text, source, errors);
        return errors;
    }

    /// <summary>The built-in text of a template, what serves when it is not overridden.</summary>
    public string BuiltInText(TemplateDefinition definition) => File.ReadAllText(Path.Combine(BuiltInDirectory, definition.Name), Encoding.UTF8);

    private string BuiltInDirectory => string.IsNullOrWhiteSpace(options.CurrentValue.BuiltInTemplateDirectory)
        ? Path.Combine(AppContext.BaseDirectory, "templates")
        : options.CurrentValue.BuiltInTemplateDirectory;

    private async Task<IReadOnlyList<TemplateError>> LoadLockedAsync(CancellationToken ct)
    {
        var overrides = await ReadOverridesAsync(ct);
        var set = await Task.Run(() => Load(current, overrides), ct);
        Volatile.Write(ref current, set);
        return set.Errors;
    }

    private List<TemplateOverride> ReadOverrides()
    {
        using var scope = scopes.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<SophiaDb>().TemplateOverrides.AsNoTracking()];
    }

    private async Task<List<TemplateOverride>> ReadOverridesAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SophiaDb>().TemplateOverrides.AsNoTracking().ToListAsync(ct);
    }

    private TemplateSet Load(TemplateSet? previous, List<TemplateOverride> overrides)
    {
        var builtIn = BuiltInDirectory;
        var errors = new List<TemplateError>(importErrors);
        var byName = overrides.Where(o => o.Text is not null).ToDictionary(o => o.Name, StringComparer.Ordinal);

        var loaded = new Dictionary<string, Loaded>(StringComparer.Ordinal);
        foreach (var definition in TemplateDefinitions.All)
        {
            var builtInPath = Path.Combine(builtIn, definition.Name);
            var overridden = byName.GetValueOrDefault(definition.Name);
            var chosen = overridden is not null
                ? TryCompile(definition, overridden.Text!, $"{definition.Name} (override v{overridden.Version})", overridden.Version, errors)
                : TryLoad(definition, builtInPath, errors);
            // The last good version keeps serving; on the first load, a refused override falls back to the built-in one.
            chosen ??= previous?.Templates.GetValueOrDefault(definition.Name)
                ?? (overridden is not null ? TryLoad(definition, builtInPath, errors) : null);
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
        var overriddenCount = loaded.Values.Count(l => l.Info.IsOverride);
        RenderingLog.TemplatesLoaded(logger, version, loaded.Count, overriddenCount, errors.Count);
        return new TemplateSet(loaded.ToFrozenDictionary(StringComparer.Ordinal), version, overrides.Sum(o => o.Version), errors);
    }

    private static Loaded? TryLoad(TemplateDefinition definition, string path, List<TemplateError> errors) =>
        ReadText(path, errors) is { } text ? TryCompile(definition, text, path, null, errors) : null;

    private static Loaded? TryCompile(TemplateDefinition definition, string text, string source, long? overrideVersion, List<TemplateError> errors) =>
        Compile(definition, text, source, errors) is { } template
            ? new Loaded(new TemplateInfo(definition, source, overrideVersion is not null, Hash(text), overrideVersion), template)
            : null;

    private static string? ReadText(string path, List<TemplateError> errors)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new TemplateError(path, 0, $"Cannot read the template: {e.Message}"));
            return null;
        }
    }

    private static Template? Compile(TemplateDefinition definition, string text, string source, List<TemplateError> errors)
    {
        var template = Template.Parse(text, source);
        if (template.HasErrors)
        {
            errors.AddRange(TemplateRunner.ParseErrors(template, source));
            return null;
        }
        foreach (var sample in SampleConfigs.For(definition))
        {
            if (TemplateRunner.Run(template, source, definition.Format, sample, quoteOutput: true).Error is { } error)
            {
                errors.Add(error);
                return null;
            }
        }
        return template;
    }

    /// <summary>
    /// The directory's files that differ from the database's overrides become overrides (a refused one changes
    /// nothing), unless the helpdesk changed that template through the API since; every node that has the directory
    /// does the same, and one whose files match the database writes nothing.
    /// </summary>
    private IReadOnlyList<TemplateError> ImportDirectory()
    {
        var directory = options.CurrentValue.TemplateDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            return [];
        }
        var errors = new List<TemplateError>(UnknownOverrides(directory));
        if (!Directory.Exists(directory))
        {
            return errors;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var existing = db.TemplateOverrides.ToDictionary(o => o.Name, StringComparer.Ordinal);
        foreach (var definition in TemplateDefinitions.All)
        {
            var path = Path.Combine(directory, definition.Name);
            if (!File.Exists(path) || ReadText(path, errors) is not { } text)
            {
                continue;
            }
            var row = existing.GetValueOrDefault(definition.Name);
            if (row?.Text == text)
            {
                continue;
            }
            // The helpdesk's change through the API wins over a file left behind; the log says which file is ignored.
            if (row is not null && row.ChangedBy != DirectoryImporter)
            {
                errors.Add(new TemplateError(path, 0, $"Not imported: {row.ChangedBy} changed this template through the API since; remove the file or save it through the API."));
                continue;
            }
            if (Compile(definition, text, path, errors) is null)
            {
                continue;
            }
            if (row is null)
            {
                row = new TemplateOverride { Name = definition.Name, ChangedBy = DirectoryImporter };
                db.TemplateOverrides.Add(row);
            }
            row.Text = text;
            row.ChangedBy = DirectoryImporter;
            row.ChangedAt = time.GetUtcNow();
        }
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // Another node imported the same directory at the same moment: what it saved serves.
        }
        return errors;
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
