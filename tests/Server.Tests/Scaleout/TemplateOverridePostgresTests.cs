using System.Diagnostics;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Scaleout;

/// <summary>Template overrides live in the database: one saved through a node is served by the other within the poll.</summary>
public sealed class TemplateOverridePostgresTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task An_override_saved_through_node_A_is_served_by_node_B_within_the_poll_interval()
    {
        var connection = await postgres.CreateDatabaseAsync();
        using var nodeA = OnPostgres(connection, demo: true);
        var helpdesk = await nodeA.ClientFor(SophiaFactory.Helpdesk);
        using var nodeB = OnPostgres(connection, demo: false);
        var phoneB = new DigestClient(nodeB.CreateClient(), "15rp", "prov-demo", "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06");
        // Node B has rendered (and cached) the built-in version before the change.
        Assert.DoesNotContain("## saved on node A", await (await phoneB.GetAsync("/prov/001565988c06.cfg")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var builtIn = await helpdesk.GetJson("/api/v1/templates/yealink/mac.cfg.sbn");
        await helpdesk.PutJson("/api/v1/templates/yealink/mac.cfg.sbn", new { text = builtIn.Str("text") + "## saved on node A\n" });
        var saved = Stopwatch.StartNew();

        // TemplatePollSeconds is 1 here: node B serves it within that bound (plus a poll query and a render; slack
        // for the two nodes and the database sharing two cores).
        while (true)
        {
            var served = await (await phoneB.GetAsync("/prov/001565988c06.cfg")).Content.ReadAsStringAsync();
            if (served.Contains("## saved on node A", StringComparison.Ordinal))
            {
                break;
            }
            Assert.True(saved.Elapsed < TimeSpan.FromSeconds(4), $"Node B still served the previous template {saved.Elapsed} after the save.");
            await Task.Delay(100);
        }
    }

    private static SophiaFactory OnPostgres(string connection, bool demo)
    {
        var factory = new SophiaFactory();
        factory.Settings["Sophia:Database:Provider"] = "Postgres";
        factory.Settings["Sophia:Database:ConnectionString"] = connection;
        factory.Settings["Sophia:Secrets:MasterKey"] = SophiaFactory.PostgresMasterKey;
        factory.Settings["Sophia:Demo"] = demo ? "true" : "false";
        factory.Settings["Sophia:Provisioning:TemplatePollSeconds"] = "1";
        return factory;
    }
}
