using Microsoft.EntityFrameworkCore;
using Sophia.Model.Accounts;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;
using Sophia.Model.Rules;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Templates;

/// <summary>A template as the helpdesk sees it: in service built-in or overridden, its hash, and the override's version.</summary>
/// <param name="Hash">Of the text this node serves.</param>
/// <param name="Version">The override's version (it keeps growing after a removal); null when it was never overridden.</param>
public sealed record TemplateDto(string Name, string Vendor, bool IsOverride, string Hash, long? Version, DateTimeOffset? ChangedAt, string? ChangedBy);

/// <summary>One template with its text: the override's, or the built-in one's.</summary>
public sealed record TemplateTextDto(TemplateDto Template, string Text);

/// <summary>What a save sends: the template's whole new text.</summary>
public sealed record TemplateOverrideInput(string? Text);

/// <summary>
/// The operator's template overrides, kept in the database so that every node serves them (the helpdesk only: a
/// template reaches every client's phones). A save is checked as a load is (parsed and rendered against sample
/// phones) and a refused one changes nothing. This node serves a change at once; the others within
/// <see cref="ProvisioningOptions.TemplatePollSeconds"/>.
/// </summary>
public sealed class TemplateOperations(SophiaDb db, TemplateStore store, TimeProvider time)
{
    public async Task<IReadOnlyList<TemplateDto>> ListAsync(Caller caller, CancellationToken ct)
    {
        HelpdeskOnly(caller);
        var rows = await db.TemplateOverrides.AsNoTracking().ToDictionaryAsync(o => o.Name, StringComparer.Ordinal, ct);
        return [.. store.Templates.Select(t => Dto(t, rows.GetValueOrDefault(t.Definition.Name)))];
    }

    public async Task<TemplateTextDto> ReadAsync(Caller caller, string name, CancellationToken ct)
    {
        HelpdeskOnly(caller);
        var definition = Find(name);
        var row = await db.TemplateOverrides.AsNoTracking().FirstOrDefaultAsync(o => o.Name == definition.Name, ct);
        return new TemplateTextDto(Dto(Info(definition), row), row?.Text ?? store.BuiltInText(definition));
    }

    /// <summary>Replaces the template by <paramref name="input"/>'s text on every node; refused with the template's line when it does not load.</summary>
    public async Task<TemplateDto> SaveAsync(Caller caller, string name, TemplateOverrideInput input, CancellationToken ct)
    {
        HelpdeskOnly(caller);
        var definition = Find(name);
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            throw new RuleViolationException(CommonErrors.Required("text", "#!version:1.0.0.1"));
        }
        var refused = TemplateStore.Check(definition, input.Text, definition.Name);
        if (refused.Count > 0)
        {
            throw new RuleViolationException([.. refused.Select(e => FieldError.Create("text", "template.invalid",
                "Line {line} of {template}: {reason}", ("line", e.Line), ("template", definition.Name), ("reason", e.Message)))]);
        }
        var row = await db.TemplateOverrides.FirstOrDefaultAsync(o => o.Name == definition.Name, ct);
        if (row is null)
        {
            row = new TemplateOverride { Name = definition.Name, ChangedBy = caller.Login };
            db.TemplateOverrides.Add(row);
        }
        row.Text = input.Text;
        await SaveAsync(row, caller, ct);
        return Dto(Info(definition), row);
    }

    /// <summary>Puts the built-in template back in service on every node.</summary>
    public async Task<TemplateDto> RemoveAsync(Caller caller, string name, CancellationToken ct)
    {
        HelpdeskOnly(caller);
        var definition = Find(name);
        var row = await db.TemplateOverrides.FirstOrDefaultAsync(o => o.Name == definition.Name && o.Text != null, ct)
            ?? throw new RuleViolationException(FieldError.Create("name", "template.notOverridden",
                "'{template}' is not overridden: the built-in template already serves.", ("template", definition.Name)), RuleViolationKind.NotFound);
        // The row stays, without text: its version keeps growing, which is how the other nodes see the removal.
        row.Text = null;
        await SaveAsync(row, caller, ct);
        return Dto(Info(definition), row);
    }

    private async Task SaveAsync(TemplateOverride row, Caller caller, CancellationToken ct)
    {
        row.ChangedBy = caller.Login;
        row.ChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await store.RefreshAsync(ct);
    }

    private TemplateInfo Info(TemplateDefinition definition) => store.Templates.Single(t => t.Definition == definition);

    private static TemplateDto Dto(TemplateInfo info, TemplateOverride? row) =>
        new(info.Definition.Name, info.Definition.Vendor.ToString(), info.IsOverride, info.Hash, row?.Version, row?.ChangedAt, row?.ChangedBy);

    private static TemplateDefinition Find(string name) =>
        TemplateDefinitions.Find(name)
            ?? throw new RuleViolationException(FieldError.Create("name", "template.unknown", "'{template}' is not a template Sophia uses; the names are {names}.",
                ("template", name), ("names", TemplateDefinitions.All.Select(d => d.Name))), RuleViolationKind.NotFound);

    private static void HelpdeskOnly(Caller caller)
    {
        if (!caller.IsHelpdesk)
        {
            throw new RuleViolationException(FieldError.Create("request", "templates.helpdeskOnly",
                "Only a helpdesk account may see or change the templates: they reach every client's phones."), RuleViolationKind.Forbidden);
        }
    }
}
