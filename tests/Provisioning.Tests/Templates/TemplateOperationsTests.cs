using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Rules;
using Sophia.Provisioning.Rendering;
using Sophia.Provisioning.Templates;
using Sophia.Provisioning.Tests.Rendering;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Templates;

/// <summary>The helpdesk's template overrides: saved in the database after the load-time checks, served at once, removed back to the built-in one.</summary>
public sealed class TemplateOperationsTests
{
    private const string Common = "yealink/common.cfg.sbn";

    private static string BuiltIn(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", name));

    private static async Task<T> WithOperations<T>(RenderingHarness harness, Func<TemplateOperations, Task<T>> action)
    {
        await using var scope = harness.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TemplateOperations>());
    }

    [Fact]
    public async Task A_valid_override_is_saved_with_its_version_and_served_at_once()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var before = harness.Store.Version;

        var saved = await WithOperations(harness, o => o.SaveAsync(TestParc.HelpdeskCaller, Common, new TemplateOverrideInput(BuiltIn(Common) + "## operator's line\n"), default));

        Assert.True(saved.IsOverride);
        Assert.Equal(1, saved.Version);
        Assert.Equal(TestParc.Helpdesk, saved.ChangedBy);
        Assert.NotEqual(before, harness.Store.Version);
        Assert.EndsWith("## operator's line\n", await harness.TextAsync("y000000000066.cfg"), StringComparison.Ordinal);
        var listed = await WithOperations(harness, o => o.ListAsync(TestParc.HelpdeskCaller, default));
        Assert.Equal(TemplateDefinitions.All.Select(d => d.Name), listed.Select(t => t.Name));
        Assert.Equal([Common], listed.Where(t => t.IsOverride).Select(t => t.Name));
        var read = await WithOperations(harness, o => o.ReadAsync(TestParc.HelpdeskCaller, Common, default));
        Assert.EndsWith("## operator's line\n", read.Text, StringComparison.Ordinal);
        // The save is in the audit trail, by the helpdesk account.
        Assert.True(await harness.Parc.NewDb().AuditEntries.AnyAsync(a => a.ObjectType == "TemplateOverride" && a.ObjectId == Common));
    }

    [Fact]
    public async Task A_broken_override_is_refused_with_its_line_and_changes_nothing()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var before = harness.Store.Version;
        var served = await harness.TextAsync("y000000000066.cfg");

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => WithOperations(harness, o =>
            o.SaveAsync(TestParc.HelpdeskCaller, Common, new TemplateOverrideInput("#!version:1.0.0.1\n## line 2\n{{ if server.base_url }}\nbroken = 1\n"), default)));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("text", "template.invalid"), (error.Field, error.Code));
        Assert.Equal("3", error.Args["line"]);
        Assert.Equal(before, harness.Store.Version);
        Assert.Equal(served, await harness.TextAsync("y000000000066.cfg"));
        Assert.False(await harness.Parc.NewDb().TemplateOverrides.AnyAsync());
    }

    [Fact]
    public async Task A_removed_override_gives_the_built_in_template_back_and_its_version_keeps_growing()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var builtIn = harness.Store.Version;
        await WithOperations(harness, o => o.SaveAsync(TestParc.HelpdeskCaller, Common, new TemplateOverrideInput(BuiltIn(Common) + "## mine\n"), default));

        var removed = await WithOperations(harness, o => o.RemoveAsync(TestParc.HelpdeskCaller, Common, default));

        Assert.False(removed.IsOverride);
        Assert.Equal(2, removed.Version);
        Assert.Equal(builtIn, harness.Store.Version);
        Assert.DoesNotContain("## mine", await harness.TextAsync("y000000000066.cfg"), StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<RuleViolationException>(() => WithOperations(harness, o => o.RemoveAsync(TestParc.HelpdeskCaller, Common, default)));
        Assert.Equal((RuleViolationKind.NotFound, "template.notOverridden"), (again.Kind, again.Errors[0].Code));
    }

    [Fact]
    public async Task Only_the_helpdesk_sees_or_changes_templates_and_an_unknown_name_is_not_found()
    {
        await using var harness = await RenderingHarness.CreateAsync();

        var admin = await Assert.ThrowsAsync<RuleViolationException>(() => WithOperations(harness, o =>
            o.SaveAsync(harness.Parc.AdminCaller, Common, new TemplateOverrideInput(BuiltIn(Common)), default)));
        var unknown = await Assert.ThrowsAsync<RuleViolationException>(() => WithOperations(harness, o => o.ReadAsync(TestParc.HelpdeskCaller, "cisco/sep.cnf.xml.sbn", default)));

        Assert.Equal(RuleViolationKind.Forbidden, admin.Kind);
        Assert.Equal((RuleViolationKind.NotFound, "template.unknown"), (unknown.Kind, unknown.Errors[0].Code));
        Assert.False(await harness.Parc.NewDb().TemplateOverrides.AnyAsync());
    }

    [Fact]
    public async Task A_poll_picks_up_an_override_another_node_saved()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var before = harness.Store.Version;
        Assert.False(await harness.Store.PollAsync());

        // Another node's save: straight into the shared database, this store not told.
        await using (var db = harness.Parc.NewDb())
        {
            db.TemplateOverrides.Add(new() { Name = Common, Text = BuiltIn(Common) + "## other node\n", ChangedBy = "other" });
            await db.SaveChangesAsync();
        }

        Assert.True(await harness.Store.PollAsync());
        Assert.NotEqual(before, harness.Store.Version);
        Assert.EndsWith("## other node\n", await harness.TextAsync("y000000000066.cfg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_in_the_template_directory_does_not_undo_a_change_made_through_the_API()
    {
        var directory = Directory.CreateTempSubdirectory("sophia-templates-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "yealink"));
            File.WriteAllText(Path.Combine(directory, Common), BuiltIn(Common) + "## from the directory\n");
            await using var harness = await RenderingHarness.CreateAsync(directory);
            Assert.Empty(await harness.Store.ReloadAsync());
            await WithOperations(harness, o => o.SaveAsync(TestParc.HelpdeskCaller, Common, new TemplateOverrideInput(BuiltIn(Common) + "## from the API\n"), default));

            var errors = await harness.Store.ReloadAsync();

            Assert.Contains("changed this template through the API", Assert.Single(errors).Message, StringComparison.Ordinal);
            Assert.EndsWith("## from the API\n", await harness.TextAsync("y000000000066.cfg"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
