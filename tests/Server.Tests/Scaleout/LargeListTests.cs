using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Model.Registration;
using Sophia.Registration.Resync;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Scaleout;

/// <summary>
/// Queries that filter on a list the size of a large client's parc (a resync campaign after a template change),
/// through the database the host configures, on both providers.
/// </summary>
public sealed class LargeListTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly int[] ManyIds = [.. Enumerable.Range(1, 40_000)];

    [Fact]
    public async Task A_campaign_over_forty_thousand_phones_is_created_on_SQLite()
    {
        using var factory = new SophiaFactory();
        await AssertCampaignAsync(factory);
    }

    [Fact]
    public async Task A_campaign_over_forty_thousand_phones_is_created_on_PostgreSQL()
    {
        using var factory = new SophiaFactory();
        factory.Settings["Sophia:Database:Provider"] = "Postgres";
        factory.Settings["Sophia:Database:ConnectionString"] = await postgres.CreateDatabaseAsync();
        factory.Settings["Sophia:Secrets:MasterKey"] = SophiaFactory.PostgresMasterKey;
        await AssertCampaignAsync(factory);
    }

    private static async Task AssertCampaignAsync(SophiaFactory factory)
    {
        _ = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var client = db.Clients.Single(c => c.SipDomain == "15rp.sewan.eu").Id;
        var assigned = db.Equipment.Where(e => e.ClientId == client && e.UserId != null).Select(e => e.Id).Order().ToList();
        Assert.NotEmpty(assigned);

        var campaign = await ResyncCampaigns.CreateAsync(db, client, null, ResyncTrigger.ConfigChange, "test", TimeProvider.System, ManyIds);

        Assert.Equal(assigned, campaign.Targets.Select(t => t.EquipmentId).Order());
    }
}
