using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.States;

namespace Sophia.Registration.Tests.Reconciliation;

public sealed class DumpReconcilerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Devices_in_the_dump_are_registered_and_the_others_not_registered()
    {
        var store = Demo();
        var source = new ListSource([Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062"), Binding("stranger@other.example", "sip:s@192.0.2.99")]);

        var summary = await Reconciler().RunAsync(source, store, batchSize: 1);

        Assert.Null(summary.Failure);
        Assert.Equal((2, 3, 1, 2, 0, 3), (summary.Bindings, summary.Devices, summary.Registered, summary.NotRegistered, summary.Unknown, summary.Transitions));
        Assert.Equal(RegistrationState.Registered, store.Current(1)!.State);
        Assert.Equal("sip:rlu@192.0.2.7:5062", store.Current(1)!.ContactUri);
        Assert.Equal(RegistrationState.NotRegistered, store.Current(2)!.State);
        Assert.Equal(RegistrationState.NotRegistered, store.Current(3)!.State);
    }

    [Fact]
    public async Task A_registrar_keyed_by_user_matches_devices_by_user()
    {
        var store = Demo();
        var source = new ListSource([Binding("njoly", "sip:njoly@192.0.2.8:5062")]);

        await Reconciler().RunAsync(source, store);

        Assert.Equal(RegistrationState.Registered, store.Current(2)!.State);
        Assert.Equal(RegistrationState.NotRegistered, store.Current(1)!.State);
    }

    [Fact]
    public async Task A_dump_that_breaks_off_leaves_unseen_devices_unknown_and_seen_ones_registered()
    {
        var store = Demo();
        var source = new ListSource([Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062")], failAfter: true);

        var summary = await Reconciler().RunAsync(source, store);

        Assert.Contains("connection reset", summary.Failure, StringComparison.Ordinal);
        Assert.Equal(RegistrationState.Registered, store.Current(1)!.State);
        Assert.Equal(RegistrationState.Unknown, store.Current(2)!.State);
        Assert.Equal(RegistrationState.Unknown, store.Current(3)!.State);
    }

    [Fact]
    public async Task A_second_run_appends_transitions_only_for_devices_whose_state_changed()
    {
        var store = Demo();
        await Reconciler().RunAsync(new ListSource([Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062")]), store);
        clock.Advance(TimeSpan.FromMinutes(5));

        var summary = await Reconciler().RunAsync(new ListSource([Binding("njoly@15rp.sewan.eu", "sip:njoly@192.0.2.8:5062")]), store);

        Assert.Equal(2, summary.Transitions);
        Assert.Equal(
            [RegistrationState.Registered, RegistrationState.NotRegistered],
            store.History(1).Select(t => t.To));
        Assert.Equal(clock.GetUtcNow(), store.History(1)[^1].At);
        Assert.Equal([RegistrationState.NotRegistered, RegistrationState.Registered], store.History(2).Select(t => t.To));
        Assert.Single(store.History(3));
    }

    [Fact]
    public async Task A_registrar_that_cannot_be_reached_at_all_makes_every_device_unknown()
    {
        var store = Demo();
        await Reconciler().RunAsync(new ListSource([Binding("rlu@15rp.sewan.eu", "sip:rlu@192.0.2.7:5062")]), store);

        var summary = await Reconciler().RunAsync(new ListSource([], failAfter: true), store);

        Assert.Equal(3, summary.Unknown);
        Assert.Equal(RegistrationState.Unknown, store.Current(1)!.State);
        Assert.Equal("sip:rlu@192.0.2.7:5062", store.Current(1)!.ContactUri);
    }

    private static InMemoryRegistrationStore Demo()
    {
        var store = new InMemoryRegistrationStore();
        store.Add(1, SipAor.Parse("rlu@15rp.sewan.eu"), "00:04:F2:A1:B2:C3");
        store.Add(2, SipAor.Parse("njoly@15rp.sewan.eu"));
        store.Add(3, SipAor.Parse("cseldon@15rp.sewan.eu"), "00:15:65:98:8C:06");
        return store;
    }

    private DumpReconciler Reconciler() => new(clock, NullLogger<DumpReconciler>.Instance);

    private RegistrarContact Binding(string aor, string contact)
    {
        var key = SipAor.Parse(aor);
        return new RegistrarContact(aor, key.User, key.Domain, contact, clock.GetUtcNow().AddHours(1), "Yealink", null);
    }

    /// <summary>A registrar whose dump is a given list, and that can break off after it as a dropped connection would.</summary>
    private sealed class ListSource(IReadOnlyList<RegistrarContact> contacts, bool failAfter = false) : IRegistrarSource
    {
        public string Name => "test-registrar";

        public async IAsyncEnumerable<RegistrarContact> DumpAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var contact in contacts)
            {
                await Task.Yield();
                yield return contact;
            }
            if (failAfter)
            {
                throw new RegistrarUnavailableException("connection reset by peer");
            }
        }

        public Task<RegistrarObservation> LookupAsync(SipAor aor, CancellationToken cancellationToken = default) =>
            Task.FromResult(contacts.Any(c => c.Key == aor)
                ? RegistrarObservation.Registered(Name, contacts.Where(c => c.Key == aor))
                : RegistrarObservation.NotRegistered(Name));
    }
}
