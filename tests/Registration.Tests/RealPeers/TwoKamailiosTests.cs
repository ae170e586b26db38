using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Registration.Registrar;
using Sophia.Registration.Tests.Jobs;
using Sophia.Registration.Tests.Resync;
using Sophia.Testing;

namespace Sophia.Registration.Tests.RealPeers;

/// <summary>
/// Two real Kamailios on loopback, the global one for 15RP and another one, keying by user only, configured for a
/// second client; a baresip registered at each.
/// </summary>
public sealed class TwoKamailiosTests
{
    private const string Autre = "autre.example.net";

    [Fact]
    public async Task Each_clients_phones_are_reconciled_against_its_own_kamailio_and_a_stopped_one_leaves_the_other_clients_known()
    {
        await using var main = await KamailioPeer.StartAsync(useDomain: true);
        await using var other = await KamailioPeer.StartAsync(useDomain: false);
        await using var parc = await TestParc.CreateAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        var (_, siege) = await parc.AddClientAsync("Autre", Autre);
        var lu = await parc.AddPhoneAsync("00:04:F2:A1:B2:C3", "rlu");
        // Same user name as Autre's line: the other Kamailio keys by user, and must not make this one registered.
        var namesake = await parc.AddPhoneAsync("00:15:65:98:8C:06", "amartin");
        var anne = await parc.AddPhoneAsync("00:15:65:AA:00:01", "amartin", siege);
        await using var luPhone = await BaresipPeer.StartAsync("rlu@15rp.sewan.eu", main.SipPort);
        await using var annePhone = await BaresipPeer.StartAsync($"amartin@{Autre}", other.SipPort);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sophia:Registration:Kamailio:RpcUrl"] = main.RpcUrl.ToString(),
            [$"Sophia:Registration:Clients:{Autre}:RpcUrl"] = other.RpcUrl.ToString(),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddRegistration(configuration).BuildServiceProvider();
        var registrars = services.GetRequiredService<RegistrarDirectory>();
        await RegisteredAsync(registrars.For("15rp.sewan.eu")!, SipAor.Parse("rlu@15rp.sewan.eu"), luPhone.Log);
        await RegisteredAsync(registrars.For(Autre)!, SipAor.Parse($"amartin@{Autre}"), annePhone.Log);
        await using var db = parc.NewDb();
        var job = ReconcileJobTests.Job(parc, db, registrars, new RecordingPhones());

        var both = await job.RunAsync();

        var rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Equal("registered", rows[lu].State);
        Assert.EndsWith($"@127.0.0.1:{luPhone.SipPort}", rows[lu].Contact, StringComparison.Ordinal);
        Assert.Equal("not-registered", rows[namesake].State);
        Assert.Equal("registered", rows[anne].State);
        Assert.EndsWith($"@127.0.0.1:{annePhone.SipPort}", rows[anne].Contact, StringComparison.Ordinal);
        Assert.Equal([$"kamailio {main.RpcUrl}", $"kamailio {other.RpcUrl}"], both.Registrars.Select(r => r.Registrar));
        Assert.Equal([(1, 2), (1, 1)], both.Registrars.Select(r => (r.Summary.Bindings, r.Summary.Devices)));

        await other.StopAsync();
        parc.Clock.Advance(TimeSpan.FromMinutes(1));
        var half = await job.RunAsync();

        rows = await db.RegistrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.EquipmentId);
        Assert.Equal(("registered", "not-registered", "unknown"), (rows[lu].State, rows[namesake].State, rows[anne].State));
        Assert.StartsWith("registrar kamailio unavailable", rows[anne].Reason, StringComparison.Ordinal);
        Assert.StartsWith($"kamailio {other.RpcUrl}: ", half.Summary!.Failure, StringComparison.Ordinal);
        Assert.Null(half.Registrars[0].Summary.Failure);
    }

    private static async Task RegisteredAsync(IRegistrarSource registrar, SipAor aor, string log)
    {
        var waited = Stopwatch.StartNew();
        while ((await registrar.LookupAsync(aor)).Status != RegistrarStatus.Registered)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail($"{aor} never showed up at {RegistrarDirectory.Describe(registrar)}.\n{log}");
            }
            await Task.Delay(50);
        }
    }
}
