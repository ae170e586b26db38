using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Model.Jobs;
using Sophia.Registration.Jobs;
using Sophia.Registration.Tests.RealPeers;
using Sophia.Server.Tests.Fixtures;
using static Sophia.Server.Tests.Registration.RegistrationFixtures;

namespace Sophia.Server.Tests.Registration;

/// <summary>Two nodes on one real PostgreSQL database, jobs on Hangfire.PostgreSql, against a real Kamailio and baresip.</summary>
public sealed class RegistrationPostgresTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Two_nodes_share_states_and_jobs_and_only_one_reconciles_at_a_time()
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain: true);
        var connection = await postgres.CreateDatabaseAsync();
        using var node1 = OnPostgres(connection, kamailio, demo: true);
        var helpdesk1 = await node1.ClientFor(SophiaFactory.Helpdesk);
        using var node2 = OnPostgres(connection, kamailio, demo: false);
        var helpdesk2 = node2.CreateClient();
        helpdesk2.DefaultRequestHeaders.Authorization = helpdesk1.DefaultRequestHeaders.Authorization;
        await using var phone = await BaresipPeer.StartAsync("rlu@15rp.sewan.eu", kamailio.SipPort);

        await using (var scope = node1.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            var lease = await JobLeases.TryAcquireAsync(db, ReconcileJob.LeaseName, "node1-test", TimeSpan.FromMinutes(1), TimeProvider.System);
            Assert.NotNull(lease);
            await using var other = node2.Services.CreateAsyncScope();
            var busy = await other.ServiceProvider.GetRequiredService<ReconcileJob>().RunAsync();
            Assert.Equal((false, "node1-test"), (busy.Ran, busy.BusyHolder));
            await JobLeases.ReleaseAsync(db, lease, completed: false, TimeProvider.System);
        }

        var registered = await EventuallyAsync(helpdesk1, $"/api/v1/equipment/{LuPhone}/status", s => s.State() == "registered", () => phone.Log,
            poke: () => helpdesk2.PostJson("/api/v1/registration/reconcile", new { }));
        Assert.EndsWith($"@127.0.0.1:{phone.SipPort}", registered.Registration().Str("contact"), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await helpdesk2.GetAsync("/hangfire/recurring")).StatusCode);
    }

    private static SophiaFactory OnPostgres(string connection, KamailioPeer kamailio, bool demo)
    {
        var factory = NewSophia(("Sophia:Registration:Kamailio:RpcUrl", kamailio.RpcUrl.ToString()));
        factory.JobsInMemory = false;
        factory.Settings["Sophia:Database:Provider"] = "Postgres";
        factory.Settings["Sophia:Database:ConnectionString"] = connection;
        factory.Settings["Sophia:Secrets:MasterKey"] = SophiaFactory.PostgresMasterKey;
        factory.Settings["Sophia:Demo"] = demo ? "true" : "false";
        return factory;
    }
}
