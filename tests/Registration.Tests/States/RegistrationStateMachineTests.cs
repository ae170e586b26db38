using Microsoft.Extensions.Time.Testing;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;
using Sophia.Registration.States;

namespace Sophia.Registration.Tests.States;

public sealed class RegistrationStateMachineTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_first_registered_observation_records_the_binding_and_a_transition_from_unknown()
    {
        var step = Next(null, Registered(Binding("sip:rlu@192.0.2.7:5062")), null);

        Assert.Equal(RegistrationState.Registered, step.Record.State);
        Assert.Equal("sip:rlu@192.0.2.7:5062", step.Record.ContactUri);
        Assert.Equal("Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06", step.Record.UserAgent);
        Assert.Equal("kamailio", step.Record.Source);
        Assert.Equal(clock.GetUtcNow(), step.Record.Since);
        Assert.Equal(new RegistrationTransition(RegistrationState.Unknown, RegistrationState.Registered, clock.GetUtcNow(), step.Record.Reason!),
            step.Transition);
    }

    [Fact]
    public void Staying_in_a_state_keeps_its_since_and_appends_no_transition()
    {
        var first = Next(null, Registered(Binding("sip:rlu@192.0.2.7:5062")), null).Record;
        clock.Advance(TimeSpan.FromMinutes(5));

        var step = Next(first, Registered(Binding("sip:rlu@192.0.2.8:5062")), Answered());

        Assert.Null(step.Transition);
        Assert.Equal(first.Since, step.Record.Since);
        Assert.Equal(clock.GetUtcNow(), step.Record.CheckedAt);
        Assert.Equal("sip:rlu@192.0.2.8:5062", step.Record.ContactUri);
    }

    [Fact]
    public void A_registrar_that_is_down_makes_the_state_unknown_never_not_registered()
    {
        var registered = Next(null, Registered(Binding("sip:rlu@192.0.2.7:5062")), null).Record;
        clock.Advance(TimeSpan.FromMinutes(1));

        var step = Next(registered, RegistrarObservation.Unavailable("kamailio", "connection refused"), SipOutcome.NoAnswer(11, TimeSpan.FromSeconds(32)));

        Assert.Equal(RegistrationState.Unknown, step.Record.State);
        Assert.Contains("connection refused", step.Record.Reason, StringComparison.Ordinal);
        Assert.Equal("sip:rlu@192.0.2.7:5062", step.Record.ContactUri);
        Assert.Equal(RegistrationState.Registered, step.Transition!.From);
        Assert.Equal(RegistrationState.Unknown, step.Transition.To);
    }

    [Fact]
    public void No_binding_at_an_answering_registrar_is_not_registered_and_keeps_the_last_contact()
    {
        var registered = Next(null, Registered(Binding("sip:rlu@192.0.2.7:5062")), null).Record;

        var step = Next(registered, RegistrarObservation.NotRegistered("kamailio"), null);

        Assert.Equal(RegistrationState.NotRegistered, step.Record.State);
        Assert.Equal("sip:rlu@192.0.2.7:5062", step.Record.ContactUri);
    }

    [Fact]
    public void Registered_but_silent_to_options_is_unreachable()
    {
        var step = Next(null, Registered(Binding("sip:rlu@192.0.2.7:5062")), SipOutcome.NoAnswer(11, TimeSpan.FromSeconds(32)));

        Assert.Equal(RegistrationState.Unreachable, step.Record.State);
        Assert.Contains("no answer to OPTIONS", step.Record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    [InlineData(481)]
    public void Any_final_response_to_options_shows_the_phone_is_there(int status)
    {
        var step = Next(null, Registered(Binding("sip:rlu@192.0.2.7:5062")), SipOutcome.FromFinal(status, "x", 1, TimeSpan.Zero));

        Assert.Equal(RegistrationState.Registered, step.Record.State);
    }

    [Fact]
    public void An_options_probe_that_could_not_be_sent_leaves_the_registrar_word_standing()
    {
        var step = Next(null, Registered(Binding("sip:rlu@192.0.2.7:5062;transport=tcp")), SipOutcome.NotSent("tcp"));

        Assert.Equal(RegistrationState.Registered, step.Record.State);
    }

    [Fact]
    public void A_binding_whose_expiry_has_passed_is_not_registered()
    {
        var binding = Binding("sip:rlu@192.0.2.7:5062") with { Expires = clock.GetUtcNow().AddSeconds(30) };
        var observation = Registered(binding);
        clock.Advance(TimeSpan.FromSeconds(31));

        var step = Next(null, observation, null);

        Assert.Equal(RegistrationState.NotRegistered, step.Record.State);
        Assert.Contains("lapsed", step.Record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_registrar_the_options_probe_alone_decides()
    {
        Assert.Equal(RegistrationState.Registered, Next(null, RegistrarObservation.NotConsulted, Answered()).Record.State);
        Assert.Equal(RegistrationState.Unreachable,
            Next(null, RegistrarObservation.NotConsulted, SipOutcome.NoAnswer(3, TimeSpan.FromSeconds(2))).Record.State);
        Assert.Equal(RegistrationState.Unknown, Next(null, RegistrarObservation.NotConsulted, null).Record.State);
        Assert.Equal("options", Next(null, RegistrarObservation.NotConsulted, Answered()).Record.Source);
    }

    [Fact]
    public void Unknown_the_first_time_appends_no_transition()
    {
        var step = Next(null, RegistrarObservation.Unavailable("kamailio", "timeout"), null);

        Assert.Equal(RegistrationState.Unknown, step.Record.State);
        Assert.Null(step.Transition);
    }

    [Fact]
    public void The_phone_with_the_mac_in_its_user_agent_gets_its_own_binding_on_a_shared_aor()
    {
        var mine = Binding("sip:rlu@192.0.2.7:5062") with { LastModified = clock.GetUtcNow().AddMinutes(-10) };
        var other = Binding("sip:rlu@192.0.2.9:5062") with { UserAgent = "Yealink SIP-T54W 96.86.0.1 00:15:65:aa:00:01", LastModified = clock.GetUtcNow() };

        var step = RegistrationStateMachine.Next(null, RegistrarObservation.Registered("kamailio", [other, mine]), null, clock.GetUtcNow(), "001565988C06");

        Assert.Equal("sip:rlu@192.0.2.7:5062", step.Record.ContactUri);
        Assert.Equal("sip:rlu@192.0.2.9:5062", RegistrarObservation.Registered("kamailio", [mine, other]).ContactFor(null)!.ContactUri);
    }

    [Fact]
    public void A_record_nobody_refreshed_for_too_long_reads_as_unknown()
    {
        var record = Next(null, Registered(Binding("sip:rlu@192.0.2.7:5062")), null).Record;

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(RegistrationState.Registered, record.StateAt(clock.GetUtcNow(), TimeSpan.FromMinutes(15)));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(RegistrationState.Unknown, record.StateAt(clock.GetUtcNow(), TimeSpan.FromMinutes(15)));
    }

    [Theory]
    [InlineData(RegistrationState.Registered, "registered")]
    [InlineData(RegistrationState.NotRegistered, "not-registered")]
    [InlineData(RegistrationState.Unreachable, "unreachable")]
    [InlineData(RegistrationState.Unknown, "unknown")]
    public void States_have_their_api_words_both_ways_and_in_json(RegistrationState state, string word)
    {
        Assert.Equal(word, state.ToApiName());
        Assert.True(RegistrationStateNames.TryParse(word, out var parsed));
        Assert.Equal(state, parsed);
        Assert.Equal($"\"{word}\"", System.Text.Json.JsonSerializer.Serialize(state));
        Assert.False(RegistrationStateNames.TryParse("Registered", out _));
    }

    private RegistrationStep Next(RegistrationRecord? previous, RegistrarObservation registrar, SipOutcome? probe) =>
        RegistrationStateMachine.Next(previous, registrar, probe, clock.GetUtcNow());

    private static RegistrarObservation Registered(params RegistrarContact[] contacts) => RegistrarObservation.Registered("kamailio", contacts);

    private RegistrarContact Binding(string contact) => new(
        "rlu@15rp.sewan.eu", "rlu", "15rp.sewan.eu", contact, clock.GetUtcNow().AddHours(1),
        "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06", null);

    private static SipOutcome Answered() => SipOutcome.FromFinal(200, "OK", 1, TimeSpan.FromMilliseconds(3));
}
