using System.Net;
using Sophia.Server.Tests.Fixtures;
using Sophia.Server.Tests.Parc;

namespace Sophia.Server.Tests.Scaleout;

/// <summary>Sophia on PostgreSQL, as in a scale-out: two nodes sharing one database.</summary>
public sealed class PostgresTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Two_nodes_on_one_PostgreSQL_database_serve_the_demo_and_see_each_others_changes()
    {
        var connection = await postgres.CreateDatabaseAsync();
        using var node1 = OnPostgres(connection, demo: true);
        var admin1 = await node1.ClientFor(SophiaFactory.Admin15Rp);
        var mandar = await DemoWalkthroughTests.MandarId(admin1);
        Assert.Equal(3, (await admin1.GetJson($"/api/v1/sites/{mandar}/users")).Items().Count());

        using var node2 = OnPostgres(connection, demo: false);
        // A token issued by node 1 is accepted by node 2: tokens live in the database.
        var admin2 = node2.CreateClient();
        admin2.DefaultRequestHeaders.Authorization = admin1.DefaultRequestHeaders.Authorization;

        var phone2 = new DigestClient(node2.CreateClient(), "15rp", "prov-demo", "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06");
        var before = await phone2.GetAsync("/prov/001565988c06.cfg");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("cseldon", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Unassigned on node 1: node 2's cached render must not be served any more.
        await admin1.PostJson("/api/v1/equipment/001565988c06/unassign", new { });
        var after = await phone2.GetAsync("/prov/001565988c06.cfg");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.DoesNotContain("cseldon", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var listed = await admin2.GetJson("/api/v1/equipment/001565988c06");
        Assert.Equal("siteStock", listed.Str("location"));
    }

    private static SophiaFactory OnPostgres(string connection, bool demo)
    {
        var factory = new SophiaFactory();
        factory.Settings["Sophia:Database:Provider"] = "Postgres";
        factory.Settings["Sophia:Database:ConnectionString"] = connection;
        factory.Settings["Sophia:Secrets:MasterKey"] = SophiaFactory.PostgresMasterKey;
        factory.Settings["Sophia:Demo"] = demo ? "true" : "false";
        return factory;
    }
}
