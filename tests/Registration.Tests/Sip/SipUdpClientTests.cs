using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sophia.Registration.Sip;

namespace Sophia.Registration.Tests.Sip;

public sealed class SipUdpClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Options_answered_200_is_answered_and_carries_our_via_and_the_aor()
    {
        await using var phone = ScriptedPhone.Answering(200, "OK");
        await using var client = Client(new SipOptions { LocalAddress = "127.0.0.1" });

        var outcome = await client.SendOptionsAsync(new SipTarget(phone.Contact, "rlu@15rp.sewan.eu"));

        Assert.Equal(SipOutcomeKind.Answered, outcome.Kind);
        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(1, outcome.Transmissions);
        var request = Assert.Single(phone.Received);
        Assert.Equal("OPTIONS", request.Method);
        Assert.Equal(phone.Contact, request.RequestUri);
        Assert.Equal("<sip:rlu@15rp.sewan.eu>", request.Header("To"));
        Assert.StartsWith($"SIP/2.0/UDP 127.0.0.1:{client.LocalEndPoint!.Port};branch=z9hG4bK", request.TopVia, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_sync_refused_by_the_phone_is_refused_with_its_status()
    {
        await using var phone = ScriptedPhone.Answering(481, "Subscription Does Not Exist");
        await using var client = Client(new SipOptions());

        var outcome = await client.SendCheckSyncAsync(new SipTarget(phone.Contact));

        Assert.Equal(SipOutcomeKind.Refused, outcome.Kind);
        Assert.Equal(481, outcome.StatusCode);
        var request = Assert.Single(phone.Received);
        Assert.Equal("NOTIFY", request.Method);
        Assert.Equal("check-sync", request.Header("Event"));
        Assert.Equal($"<{phone.Contact}>", request.Header("To"));
    }

    [Fact]
    public async Task Bound_to_any_address_the_via_names_the_address_that_reaches_the_phone()
    {
        await using var phone = ScriptedPhone.Answering(200, "OK");
        await using var client = Client(new SipOptions { LocalAddress = "0.0.0.0" });

        await client.SendOptionsAsync(new SipTarget(phone.Contact));

        var request = Assert.Single(phone.Received);
        Assert.StartsWith($"SIP/2.0/UDP 127.0.0.1:{client.LocalEndPoint!.Port};", request.TopVia, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_of_other_transactions_are_ignored_and_provisional_ones_wait_for_the_final()
    {
        await using var phone = new ScriptedPhone(request =>
        [
            ScriptedPhone.Reply(request, 200, "Wrong call", callId: "someone-else@host"),
            ScriptedPhone.Reply(request, 200, "Wrong method", cseq: "1 INVITE"),
            ScriptedPhone.Reply(request, 100, "Trying"),
            ScriptedPhone.Reply(request, 486, "Busy Here"),
        ]);
        await using var client = Client(new SipOptions());

        var outcome = await client.SendOptionsAsync(new SipTarget(phone.Contact));

        Assert.Equal(SipOutcomeKind.Refused, outcome.Kind);
        Assert.Equal(486, outcome.StatusCode);
    }

    [Fact]
    public async Task A_silent_phone_gets_retransmissions_on_rfc_3261_timers_then_no_answer()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        await using var phone = ScriptedPhone.Silent();
        await using var client = Client(new SipOptions { TransactionTimeout = TimeSpan.FromSeconds(4) }, clock);

        var probe = client.SendOptionsAsync(new SipTarget(phone.Contact));

        // Sends at 0, 0.5, 1.5 and 3.5 s (Timer E doubling from T1); Timer F at 4 s.
        await phone.WaitForRequestsAsync(1, Patience);
        foreach (var (step, expected) in new[] { (500, 2), (1000, 3), (2000, 4) })
        {
            clock.Advance(TimeSpan.FromMilliseconds(step));
            await phone.WaitForRequestsAsync(expected, Patience);
        }
        Assert.False(probe.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var outcome = await probe.WaitAsync(Patience);

        Assert.Equal(SipOutcomeKind.NoAnswer, outcome.Kind);
        Assert.Equal(4, outcome.Transmissions);
        Assert.Equal(TimeSpan.FromSeconds(4), outcome.Elapsed);
        Assert.Single(phone.Received.Select(r => r.TopViaBranch).Distinct());
    }

    [Fact]
    public async Task A_probe_timeout_shorter_than_timer_f_gives_up_on_a_silent_phone_that_soon()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        await using var phone = ScriptedPhone.Silent();
        await using var client = Client(new SipOptions(), clock);

        var probe = client.SendOptionsAsync(new SipTarget(phone.Contact), TimeSpan.FromSeconds(1));

        // Sent at 0 and retransmitted at T1 (0.5 s); over at 1 s instead of Timer F's 32 s.
        await phone.WaitForRequestsAsync(1, Patience);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await phone.WaitForRequestsAsync(2, Patience);
        Assert.False(probe.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var outcome = await probe.WaitAsync(Patience);

        Assert.Equal((SipOutcomeKind.NoAnswer, 2, TimeSpan.FromSeconds(1)), (outcome.Kind, outcome.Transmissions, outcome.Elapsed));
    }

    [Fact]
    public async Task A_probe_timeout_longer_than_the_configured_timer_f_is_cut_to_timer_f()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        await using var phone = ScriptedPhone.Silent();
        await using var client = Client(new SipOptions { T1 = TimeSpan.FromSeconds(1), TransactionTimeout = TimeSpan.FromSeconds(2) }, clock);

        var probe = client.SendOptionsAsync(new SipTarget(phone.Contact), TimeSpan.FromSeconds(30));

        await phone.WaitForRequestsAsync(1, Patience);
        clock.Advance(TimeSpan.FromSeconds(1));
        await phone.WaitForRequestsAsync(2, Patience);
        clock.Advance(TimeSpan.FromSeconds(1));
        var outcome = await probe.WaitAsync(Patience);

        Assert.Equal((SipOutcomeKind.NoAnswer, TimeSpan.FromSeconds(2)), (outcome.Kind, outcome.Elapsed));
    }

    [Fact]
    public async Task A_nated_phone_is_reached_at_the_received_address_with_its_contact_as_request_uri()
    {
        await using var phone = ScriptedPhone.Answering(200, "OK");
        await using var client = Client(new SipOptions());

        // 192.0.2.50 is a documentation address: were it used, the phone would see nothing.
        var outcome = await client.SendOptionsAsync(new SipTarget("sip:rlu@192.0.2.50:5060;ob", Received: $"sip:127.0.0.1:{phone.Port}"));

        Assert.Equal(SipOutcomeKind.Answered, outcome.Kind);
        Assert.Equal("sip:rlu@192.0.2.50:5060;ob", Assert.Single(phone.Received).RequestUri);
    }

    [Fact]
    public async Task A_garbage_datagram_does_not_stop_the_receive_loop()
    {
        await using var phone = ScriptedPhone.Answering(200, "OK");
        await using var client = Client(new SipOptions { LocalAddress = "127.0.0.1" });
        var local = await client.StartAsync();
        using (var noise = new UdpClient(AddressFamily.InterNetwork))
        {
            await noise.SendAsync("not sip at all"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, local.Port));
            await noise.SendAsync("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP x;branch=z9hG4bKnobody\r\n\r\n"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, local.Port));
        }

        var outcome = await client.SendOptionsAsync(new SipTarget(phone.Contact));

        Assert.Equal(SipOutcomeKind.Answered, outcome.Kind);
    }

    [Theory]
    [InlineData("sip:rlu@127.0.0.1:5070;transport=tcp", "tcp")]
    [InlineData("sips:rlu@127.0.0.1:5071", "sips")]
    [InlineData("mailto:rlu@example.org", "not a SIP URI")]
    public async Task Contacts_we_cannot_reach_over_udp_are_not_sent_and_say_why(string contact, string why)
    {
        await using var client = Client(new SipOptions());

        var outcome = await client.SendOptionsAsync(new SipTarget(contact));

        Assert.Equal(SipOutcomeKind.NotSent, outcome.Kind);
        Assert.Contains(why, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_local_port_is_the_one_bound()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }
        await using var client = Client(new SipOptions { LocalAddress = "127.0.0.1", LocalPort = port });

        Assert.Equal(port, (await client.StartAsync()).Port);
    }

    private static SipUdpClient Client(SipOptions options, TimeProvider? time = null) =>
        new(Options.Create(options), time ?? TimeProvider.System, NullLogger<SipUdpClient>.Instance);
}
