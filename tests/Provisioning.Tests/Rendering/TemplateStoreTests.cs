using Microsoft.Extensions.DependencyInjection;
using Sophia.Provisioning.Rendering;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>Operator templates replace built-in ones; a failing one is refused with its file and line and the last good one keeps serving.</summary>
public sealed class TemplateStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("sophia-templates-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string BuiltIn(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", name));

    [Fact]
    public async Task The_built_in_templates_all_load()
    {
        await using var harness = await RenderingHarness.CreateAsync();

        Assert.Empty(harness.Store.Errors);
        Assert.Equal(TemplateDefinitions.All, harness.Store.Templates.Select(t => t.Definition));
        Assert.All(harness.Store.Templates, t => Assert.False(t.IsOverride));
        Assert.Equal(harness.Store.Version, harness.Renderer.TemplateVersion);
    }

    [Fact]
    public async Task An_operator_template_replaces_the_built_in_one_and_changes_the_version()
    {
        await using var harness = await RenderingHarness.CreateAsync(directory);
        var builtInVersion = harness.Store.Version;

        Write("yealink/common.cfg.sbn", BuiltIn("yealink/common.cfg.sbn") + "## operator's own line\n");
        var errors = await harness.Store.ReloadAsync();

        Assert.Empty(errors);
        Assert.NotEqual(builtInVersion, harness.Store.Version);
        Assert.True(harness.Store.Templates.Single(t => t.Definition == TemplateDefinitions.YealinkCommon).IsOverride);
        Assert.EndsWith("## operator's own line\n", await harness.TextAsync("y000000000066.cfg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_that_does_not_parse_is_refused_with_its_file_and_line_and_the_last_good_one_keeps_serving()
    {
        await using var harness = await RenderingHarness.CreateAsync(directory);
        Write("yealink/common.cfg.sbn", BuiltIn("yealink/common.cfg.sbn") + "## version 1\n");
        Assert.Empty(await harness.Store.ReloadAsync());
        var goodVersion = harness.Store.Version;

        var path = Write("yealink/common.cfg.sbn", "#!version:1.0.0.1\n## version 2\n{{ if server.base_url }}\nbroken = 1\n");
        var errors = await harness.Store.ReloadAsync();

        var error = Assert.Single(errors);
        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(goodVersion, harness.Store.Version);
        var served = await harness.TextAsync("y000000000066.cfg");
        Assert.EndsWith("## version 1\n", served, StringComparison.Ordinal);
        Assert.Equal(errors, harness.Store.Errors);
    }

    [Fact]
    public async Task A_template_changing_a_builtin_is_refused_and_the_next_renders_are_unaffected()
    {
        await using var harness = await RenderingHarness.CreateAsync(directory);
        var before = await harness.TextAsync("001565988c06.cfg");

        var path = Write("yealink/common.cfg.sbn", "#!version:1.0.0.1\n## line 2\n{{ date.format = \"%Y\" }}\n");
        var error = Assert.Single(await harness.Store.ReloadAsync());

        Assert.Equal((path, 3), (error.File, error.Line));
        // Renders share a context per thread: what the refused template tried must not leak into the others.
        Assert.Equal(before, await harness.TextAsync("001565988c06.cfg"));
        Assert.DoesNotContain("date.format", await harness.TextAsync("y000000000066.cfg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_render_that_fails_half_way_leaves_nothing_for_the_next_one()
    {
        await using var harness = await RenderingHarness.CreateAsync(directory);
        var before = await harness.TextAsync("y000000000066.cfg");

        // Renders its first lines, then fails on the sample of a phone with no line (lines[5] does not exist).
        Write("yealink/mac.cfg.sbn", "#!version:1.0.0.1\n## half way\naccount.1.user_name = {{ lines[5].user_name }}\n");
        Assert.Single(await harness.Store.ReloadAsync());

        Assert.Equal(before, await harness.TextAsync("y000000000066.cfg"));
    }

    [Fact]
    public async Task A_template_naming_a_variable_that_does_not_exist_is_refused_at_load_with_its_line()
    {
        var path = Write("yealink/mac.cfg.sbn", "#!version:1.0.0.1\n## line 2\n## line 3\naccount.1.user_name = {{ lines[0].user_nam }}\n");
        await using var harness = await RenderingHarness.CreateAsync(directory);

        var error = Assert.Single(harness.Store.Errors);
        Assert.Equal((path, 4), (error.File, error.Line));
        // On a first load the built-in template serves instead.
        Assert.False(harness.Store.Templates.Single(t => t.Definition == TemplateDefinitions.YealinkPhone).IsOverride);
        Assert.Equal("cseldon", YealinkCfg.Parse(await harness.TextAsync("001565988c06.cfg"))["account.1.user_name"]);
    }

    [Fact]
    public async Task A_template_whose_output_a_phone_could_not_read_is_refused()
    {
        var polycom = Write("polycom/mac-sophia.cfg.sbn", "<?xml version=\"1.0\"?>\n<polycomConfig reg.1.label=\"{{ device.model_name }}\" reg.1.label=\"again\" />\n");
        var yealink = Write("yealink/common.cfg.sbn", "#!version:1.0.0.1\nsip.notify_reboot_enable = 0\nsip.notify_reboot_enable = 1\n");
        Write("polycom/mac-directory.xml.sbn", "<directory>{{ for e in phonebook.entries }}<ln>{{ e.last_name }}</ln>{{ end }}</directory>\n");
        await using var harness = await RenderingHarness.CreateAsync(directory);

        var errors = harness.Store.Errors;
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.File == polycom && e.Message.Contains("not well-formed", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File == yealink && e.Message.Contains("set twice", StringComparison.Ordinal));
        // The sample contacts carry '&' and '<': a template that forgets to escape them is caught before any phone gets it.
        Assert.Contains(errors, e => e.File.EndsWith("mac-directory.xml.sbn", StringComparison.Ordinal));
        Assert.All(harness.Store.Templates, t => Assert.False(t.IsOverride));
    }

    [Fact]
    public async Task A_template_failing_only_on_a_real_phones_data_fails_that_render_with_its_line()
    {
        Write("yealink/mac.cfg.sbn", BuiltIn("yealink/mac.cfg.sbn") + "{{ if owner.user == \"Cédric Seldon\" }}{{ no_such_variable }}{{ end }}\n");
        await using var harness = await RenderingHarness.CreateAsync(directory);
        Assert.Empty(harness.Store.Errors);
        Assert.True(FileRequest.TryParse("001565988c06.cfg", out var request));

        var failure = await Assert.ThrowsAsync<TemplateRenderException>(() =>
            harness.Renderer.RenderAsync(harness.Parc.NewDb(), request, harness.Context, CancellationToken.None));

        // Imported from the directory, it serves from the database: the error names the override and its version.
        Assert.Equal("yealink/mac.cfg.sbn (override v1)", failure.Error.File);
        Assert.Equal(BuiltIn("yealink/mac.cfg.sbn").Split('\n').Length, failure.Error.Line);
        Assert.DoesNotContain("sip-secret", failure.Message, StringComparison.Ordinal);
        // Other phones are not affected.
        Assert.Equal("0", YealinkCfg.Parse(await harness.TextAsync("001565aa0001.cfg"))["account.1.enable"]);
    }

    [Fact]
    public async Task The_server_URL_comes_from_the_options_else_from_the_request()
    {
        await using var configured = await RenderingHarness.CreateAsync();
        await using var unconfigured = await RenderingHarness.CreateAsync(settings: new Dictionary<string, string?> { ["Sophia:Provisioning:ServerUrl"] = null });
        var factory = unconfigured.Services.GetRequiredService<ProvisioningContextFactory>();

        Assert.Equal(RenderingHarness.ServerUrl, configured.Services.GetRequiredService<ProvisioningContextFactory>().Create(new Uri("http://other.test/prov/")).ServerUrl.AbsoluteUri);
        Assert.Equal("http://other.test/prov/", factory.Create(new Uri("http://other.test/prov/")).ServerUrl.AbsoluteUri);
        Assert.Equal(RenderingHarness.Now, factory.Create(new Uri("http://other.test/prov/")).Now);
        Assert.Throws<InvalidOperationException>(() => factory.Create());
    }

    [Fact]
    public async Task A_misnamed_file_in_the_operators_directory_is_reported()
    {
        var path = Write("yealink/mac.cgf.sbn", "#!version:1.0.0.1\n");
        await using var harness = await RenderingHarness.CreateAsync(directory);

        var error = Assert.Single(harness.Store.Errors);
        Assert.Equal(path, error.File);
        Assert.Contains("yealink/mac.cfg.sbn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_change_tells_how_many_devices_sites_and_clients_it_affects()
    {
        await using var harness = await RenderingHarness.CreateAsync();
        var db = harness.Parc.Db;

        var yealink = await harness.Renderer.ImpactAsync(db, "yealink/mac.cfg.sbn", CancellationToken.None);
        var polycom = await harness.Renderer.ImpactAsync(db, "templates/polycom/mac-sophia.cfg.sbn", CancellationToken.None);

        // T46S (assigned), T54W (Mandar stock), T46U (client stock, no site).
        Assert.Equal(new TemplateImpact("yealink/mac.cfg.sbn", 3, 1, 2, 1, 1), yealink);
        // VVX 450 (assigned, Mandar), VVX 250 (Wagram stock).
        Assert.Equal(new TemplateImpact("polycom/mac-sophia.cfg.sbn", 2, 1, 1, 2, 1), polycom);
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Renderer.ImpactAsync(db, "cisco/sep.cnf.xml.sbn", CancellationToken.None));
    }
}
