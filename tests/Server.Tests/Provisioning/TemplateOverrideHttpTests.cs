using System.Net;
using System.Net.Http.Json;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Provisioning;

/// <summary><c>/api/v1/templates</c>: the helpdesk's template overrides, checked on save and served by /prov at once.</summary>
public sealed class TemplateOverrideHttpTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string MacTemplate = "/api/v1/templates/yealink/mac.cfg.sbn";

    private DigestClient Phone() => new(factory.CreateClient(), "15rp", "prov-demo", "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06");

    [Fact]
    public async Task The_helpdesk_overrides_a_template_phones_get_it_at_once_and_a_removal_gives_the_built_in_one_back()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var builtIn = await helpdesk.GetJson(MacTemplate);
        Assert.False(builtIn.GetProperty("template").GetProperty("isOverride").GetBoolean());

        var saved = await helpdesk.PutJson(MacTemplate, new { text = builtIn.Str("text") + "## operator's own line\n" });

        Assert.True(saved.GetProperty("isOverride").GetBoolean());
        Assert.Equal(1, saved.GetProperty("version").GetInt64());
        Assert.Equal(SophiaFactory.Helpdesk, saved.Str("changedBy"));
        var served = await (await Phone().GetAsync("/prov/001565988c06.cfg")).Content.ReadAsStringAsync();
        Assert.Contains("## operator's own line", served, StringComparison.Ordinal);
        var listed = (await helpdesk.GetJson("/api/v1/templates")).EnumerateArray().ToList();
        Assert.Equal(["yealink/mac.cfg.sbn"], listed.Where(t => t.GetProperty("isOverride").GetBoolean()).Select(t => t.Str("name")));
        // The literal route of the impact still wins over the templates' catch-all.
        Assert.Equal(3, (await helpdesk.GetJson("/api/v1/templates/impact?template=yealink/mac.cfg.sbn")).Int("devices"));

        var removed = await (await helpdesk.DeleteAsync(MacTemplate)).Json();

        Assert.False(removed.GetProperty("isOverride").GetBoolean());
        Assert.Equal(2, removed.GetProperty("version").GetInt64());
        Assert.DoesNotContain("## operator's own line", await (await Phone().GetAsync("/prov/001565988c06.cfg")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await helpdesk.DeleteAsync(MacTemplate)).StatusCode);
    }

    [Fact]
    public async Task A_broken_template_is_refused_with_its_line_and_the_served_one_is_unchanged()
    {
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var before = await helpdesk.GetJson("/api/v1/templates/yealink/common.cfg.sbn");

        var response = await helpdesk.PutAsJsonAsync("/api/v1/templates/yealink/common.cfg.sbn",
            new { text = "#!version:1.0.0.1\n## line 2\n{{ if server.base_url }}\nbroken = 1\n" }, SophiaFactory.Json);

        var problem = await response.Problem(HttpStatusCode.BadRequest, "text");
        Assert.Equal("template.invalid", problem.Str("code"));
        Assert.Contains("Line 3", problem.MessageFor("text"), StringComparison.Ordinal);
        var after = await helpdesk.GetJson("/api/v1/templates/yealink/common.cfg.sbn");
        Assert.Equal(before.GetProperty("template").Str("hash"), after.GetProperty("template").Str("hash"));
        Assert.False(after.GetProperty("template").GetProperty("isOverride").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await helpdesk.GetAsync("/api/v1/templates/cisco/sep.cnf.xml.sbn")).StatusCode);
    }

    [Fact]
    public async Task A_client_admin_or_a_user_can_neither_see_nor_change_the_templates()
    {
        foreach (var login in new[] { SophiaFactory.Admin15Rp, SophiaFactory.Seldon })
        {
            var http = await factory.ClientFor(login);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/v1/templates")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(MacTemplate)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.PutAsJsonAsync(MacTemplate, new { text = "#!version:1.0.0.1\n" }, SophiaFactory.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.DeleteAsync(MacTemplate)).StatusCode);
        }
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        Assert.All((await helpdesk.GetJson("/api/v1/templates")).EnumerateArray(), t => Assert.False(t.GetProperty("isOverride").GetBoolean()));
    }
}
