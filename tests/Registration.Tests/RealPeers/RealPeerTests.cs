using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;
using Sophia.Registration.States;

namespace Sophia.Registration.Tests.RealPeers;

/// <summary>
/// End to end against real peers on loopback, each test starting its own: Kamailio (registrar, JSON-RPC),
/// baresip registering as the demo user Ricardo Lu's line, sipp as a phone expecting check-sync.
/// </summary>
public sealed class RealPeerTests
{
    private const string Line = "rlu@15rp.sewan.eu";
    private static readonly SipAor Aor = SipAor.Parse(Line);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Kamailio_says_registered_once_baresip_registers_and_not_registered_once_it_unregisters(bool useDomain)
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain);
        var registrar = kamailio.Client();
        await using var phone = await BaresipPeer.StartAsync(Line, kamailio.SipPort);

        var registered = await EventuallyAsync(() => registrar.LookupAsync(Aor), o => o.Status == RegistrarStatus.Registered,
            () => $"baresip never showed up at Kamailio.\nbaresip:\n{phone.Log}\nkamailio:\n{kamailio.Log}");
        var binding = Assert.Single(registered.Contacts);
        Assert.Equal(useDomain ? Line : "rlu", binding.Aor);
        Assert.StartsWith("sip:rlu-0x", binding.ContactUri, StringComparison.Ordinal);
        Assert.EndsWith($"@127.0.0.1:{phone.SipPort}", binding.ContactUri, StringComparison.Ordinal);
        Assert.StartsWith("baresip v1.0.0", binding.UserAgent, StringComparison.Ordinal);
        Assert.Equal(RegistrationState.Registered, RegistrationStateMachine.Next(null, registered, null, TimeProvider.System.GetUtcNow()).Record.State);
        var batch = await registrar.LookupManyAsync([Aor, SipAor.Parse("njoly@15rp.sewan.eu")]);
        Assert.Equal(RegistrarStatus.Registered, batch[Aor].Status);
        Assert.Equal(RegistrarStatus.NotRegistered, batch[SipAor.Parse("njoly@15rp.sewan.eu")].Status);

        await phone.QuitAsync();

        var gone = await EventuallyAsync(() => registrar.LookupAsync(Aor), o => o.Status != RegistrarStatus.Registered,
            () => $"the binding outlived baresip's unregistration.\n{phone.Log}");
        Assert.Equal(RegistrarStatus.NotRegistered, gone.Status);
        Assert.Equal(RegistrationState.NotRegistered, RegistrationStateMachine.Next(null, gone, null, TimeProvider.System.GetUtcNow()).Record.State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reconciliation_from_kamailios_dump_registers_baresips_line_and_no_other(bool useDomain)
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain);
        var registrar = kamailio.Client();
        await using var phone = await BaresipPeer.StartAsync(Line, kamailio.SipPort);
        await EventuallyAsync(() => registrar.LookupAsync(Aor), o => o.Status == RegistrarStatus.Registered, () => phone.Log);
        var store = new InMemoryRegistrationStore();
        store.Add(1, Aor, "00:04:F2:A1:B2:C3");
        store.Add(2, SipAor.Parse("njoly@15rp.sewan.eu"));
        store.Add(3, SipAor.Parse("cseldon@15rp.sewan.eu"));

        var summary = await new DumpReconciler(TimeProvider.System, NullLogger<DumpReconciler>.Instance).RunAsync(registrar, store);

        Assert.Null(summary.Failure);
        Assert.Equal(1, summary.Bindings);
        Assert.Equal(RegistrationState.Registered, store.Current(1)!.State);
        Assert.EndsWith($"@127.0.0.1:{phone.SipPort}", store.Current(1)!.ContactUri, StringComparison.Ordinal);
        Assert.Equal(RegistrationState.NotRegistered, store.Current(2)!.State);
        Assert.Equal(RegistrationState.NotRegistered, store.Current(3)!.State);
    }

    [Fact]
    public async Task Baresip_answers_options_at_its_contact_and_once_killed_is_unreachable()
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain: true);
        var registrar = kamailio.Client();
        await using var phone = await BaresipPeer.StartAsync(Line, kamailio.SipPort);
        await EventuallyAsync(() => registrar.LookupAsync(Aor), o => o.Status == RegistrarStatus.Registered, () => phone.Log);
        await using var sip = SipClient();
        var checker = new RegistrationChecker(sip, TimeProvider.System);
        var device = new TrackedDevice(1, Aor, null, null);

        var alive = await checker.CheckAsync(device, registrar);

        Assert.Equal(RegistrationState.Registered, alive.Record.State);
        Assert.Contains("OPTIONS Answered 200", alive.Record.Reason, StringComparison.Ordinal);

        await phone.KillAsync();
        var dead = await checker.CheckAsync(device with { Current = alive.Record }, registrar);

        Assert.Equal(RegistrationState.Unreachable, dead.Record.State);
        Assert.Equal(new RegistrationTransition(RegistrationState.Registered, RegistrationState.Unreachable, dead.Record.CheckedAt, dead.Record.Reason!),
            dead.Transition);
        Assert.Equal(RegistrarStatus.Registered, (await registrar.LookupAsync(Aor)).Status);
    }

    [Fact]
    public async Task Without_a_registrar_options_to_the_last_known_contact_decides_registered_then_unreachable()
    {
        await using var phone = await BaresipPeer.StartAsync(Line, registrarPort: null);
        await using var sip = SipClient();
        var checker = new RegistrationChecker(sip, TimeProvider.System);
        // The user part is known from an earlier binding; the provisioning fetch only gives the address.
        var fromBinding = new TrackedDevice(1, Aor, null, null, LastKnownContact: $"sip:rlu@127.0.0.1:{phone.SipPort}");
        var fromFetch = fromBinding with { LastKnownContact = $"sip:127.0.0.1:{phone.SipPort}" };

        var known = await EventuallyAsync(() => checker.CheckAsync(fromBinding, registrar: null), s => s.Record.State == RegistrationState.Registered,
            () => phone.Log);
        var addressOnly = await checker.CheckAsync(fromFetch, registrar: null);

        Assert.Equal("options", known.Record.Source);
        Assert.Contains("OPTIONS Answered 200", known.Record.Reason, StringComparison.Ordinal);
        Assert.Equal(RegistrationState.Registered, addressOnly.Record.State);
        Assert.Contains("OPTIONS Refused 404", addressOnly.Record.Reason, StringComparison.Ordinal);

        await phone.KillAsync();
        var gone = await checker.CheckAsync(fromBinding with { Current = known.Record }, registrar: null);

        Assert.Equal(RegistrationState.Unreachable, gone.Record.State);
        Assert.Equal(RegistrationState.Registered, gone.Transition!.From);
    }

    [Fact]
    public async Task While_kamailio_is_stopped_every_state_is_unknown_never_not_registered()
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain: true);
        var registrar = kamailio.Client();
        await using var phone = await BaresipPeer.StartAsync(Line, kamailio.SipPort);
        await EventuallyAsync(() => registrar.LookupAsync(Aor), o => o.Status == RegistrarStatus.Registered, () => phone.Log);
        var store = new InMemoryRegistrationStore();
        store.Add(1, Aor);
        store.Add(2, SipAor.Parse("njoly@15rp.sewan.eu"));
        var reconciler = new DumpReconciler(TimeProvider.System, NullLogger<DumpReconciler>.Instance);
        await reconciler.RunAsync(registrar, store);

        await kamailio.StopAsync();

        var lookup = await registrar.LookupAsync(Aor);
        Assert.Equal(RegistrarStatus.Unavailable, lookup.Status);
        await using var sip = SipClient();
        var checkedNow = await new RegistrationChecker(sip, TimeProvider.System).CheckAsync(new TrackedDevice(1, Aor, null, store.Current(1)), registrar);
        Assert.Equal(RegistrationState.Unknown, checkedNow.Record.State);

        var summary = await reconciler.RunAsync(registrar, store);
        Assert.NotNull(summary.Failure);
        Assert.Equal(RegistrationState.Unknown, store.Current(1)!.State);
        Assert.Equal(RegistrationState.Unknown, store.Current(2)!.State);
        Assert.Equal([RegistrationState.Registered, RegistrationState.Unknown], store.History(1).Select(t => t.To));
    }

    [Fact]
    public async Task Check_sync_notify_reaches_a_phone_that_checks_the_event_and_answers_200()
    {
        await using var phone = await SippCheckSyncPhone.StartAsync();
        await using var sip = SipClient();

        var outcome = await sip.SendCheckSyncAsync(new SipTarget(phone.Contact, Line));

        Assert.Equal(SipOutcomeKind.Answered, outcome.Kind);
        Assert.Equal(200, outcome.StatusCode);
        Assert.True(await phone.ExitCodeAsync() == 0, $"sipp did not see Event: check-sync.\n{phone.Log}");
    }

    [Fact]
    public async Task Check_sync_notify_to_baresips_registered_contact_is_received_and_refused_481()
    {
        await using var kamailio = await KamailioPeer.StartAsync(useDomain: true);
        var registrar = kamailio.Client();
        await using var phone = await BaresipPeer.StartAsync(Line, kamailio.SipPort);
        var registered = await EventuallyAsync(() => registrar.LookupAsync(Aor), o => o.Status == RegistrarStatus.Registered, () => phone.Log);
        await using var sip = SipClient();

        var outcome = await sip.SendCheckSyncAsync(new SipTarget(registered.Contacts[0].ContactUri, Line, registered.Contacts[0].Received));

        // baresip has no check-sync handler: it answers an unsolicited NOTIFY "481 Subscription Does Not Exist".
        Assert.Equal(SipOutcomeKind.Refused, outcome.Kind);
        Assert.Equal(481, outcome.StatusCode);
    }

    private static SipUdpClient SipClient() => new(
        Options.Create(new SipOptions { LocalAddress = "127.0.0.1", TransactionTimeout = TimeSpan.FromSeconds(1.5) }),
        TimeProvider.System,
        NullLogger<SipUdpClient>.Instance);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<string> explain)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (waited.Elapsed > Patience)
            {
                Assert.Fail($"Still {value} after {Patience}: {explain()}");
            }
            await Task.Delay(50);
        }
    }
}
