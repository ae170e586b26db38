using System.Net;
using System.Text;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

[Collection(TftpNetworkCollection.Name)]
public sealed class TftpServerLoopbackTests
{
    private static readonly byte[] Config = Encoding.ASCII.GetBytes("#!version:1.0.0.1\naccount.1.enable = 1\naccount.1.label = 201\r\n");

    [Fact(Timeout = 20_000)]
    public async Task A_file_is_served_byte_for_byte_from_its_own_port_and_recorded_once()
    {
        var content = Wait.RandomBytes(5000, seed: 3);
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("phone.cfg", content));
        using var client = new TestTftpClient();

        var download = await client.GetAsync(tftp.EndPoint, "phone.cfg");

        Assert.Null(download.ErrorCode);
        Assert.Equal(content, download.Content);
        Assert.Equal(0, download.UnexpectedDataPackets);
        Assert.NotEqual(tftp.EndPoint.Port, download.ServerTransferEndPoint!.Port);
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "phone.cfg");
        Assert.Equal(TftpTransferOutcome.Completed, record.Outcome);
        Assert.Equal(5000, record.BytesSent);
        Assert.Equal(client.LocalEndPoint, record.RemoteEndPoint);
        Assert.Equal(512, record.Options!.BlockSize);
        Assert.Single(tftp.Observer.Records);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_read_request_nobody_answers_gets_its_first_block_at_most_twice()
    {
        // A spoofed RRQ names a victim as its source: whatever is sent to a client that never answered is amplification.
        // The shipped bound, not the test server's more patient one.
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("phone.cfg", Wait.RandomBytes(5000, seed: 5)),
            o => o.FirstAnswerRetries = new TftpOptions().FirstAnswerRetries);
        using var victim = new TestTftpClient();
        var request = new byte[100];
        var length = TftpPacketCodec.WriteRequest(request, TftpOpcode.ReadRequest, "phone.cfg", TftpTransferMode.Octet, []);

        await victim.SendRawAsync(tftp.EndPoint, request[..length]);
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "phone.cfg");

        var data = 0;
        while (await victim.ReceiveRawAsync(TimeSpan.FromMilliseconds(300)) is { } packet)
        {
            data += TftpPacketCodec.TryParseData(packet.Datagram, out _, out _) ? 1 : 0;
        }
        Assert.Equal(TftpTransferOutcome.Failed, record.Outcome);
        Assert.Equal(2, data);
    }

    [Fact(Timeout = 20_000)]
    public async Task Options_are_acknowledged_and_honoured()
    {
        var content = Wait.RandomBytes(100_000, seed: 4);
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("big.bin", content));
        using var client = new TestTftpClient();

        var download = await client.GetAsync(tftp.EndPoint, "big.bin", [new("blksize", "1428"), new("tsize", "0"), new("windowsize", "8"), new("timeout", "2")]);

        Assert.Equal([new("blksize", "1428"), new("tsize", "100000"), new("windowsize", "8"), new("timeout", "2")], download.OptionAck);
        Assert.Equal(content, download.Content);
        Assert.Equal((100_000 / 1428) + 1, download.DataPackets);
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "big.bin");
        Assert.Equal(new TftpTransferOptions(1428, 8, TimeSpan.FromSeconds(2), 100_000, download.OptionAck!), record.Options! with { Acknowledged = download.OptionAck! });
    }

    [Fact(Timeout = 20_000)]
    public async Task Netascii_sends_cr_lf_and_announces_the_converted_size()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("y000000000044.cfg", Config));
        using var client = new TestTftpClient();

        var download = await client.GetAsync(tftp.EndPoint, "y000000000044.cfg", [new("tsize", "0")], TftpTransferMode.NetAscii);

        var expected = NetAscii.Encode(Config);
        Assert.Equal(expected, download.Content);
        Assert.Equal(expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), download.OptionAck!.Single(o => o.Name == "tsize").Value);
        Assert.Contains("\r\0\r\n", Encoding.ASCII.GetString(download.Content), StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task An_unknown_file_gets_error_1_with_the_providers_message()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider());
        using var client = new TestTftpClient();

        var download = await client.GetAsync(tftp.EndPoint, "nope.cfg");

        Assert.Equal(TftpErrorCode.FileNotFound, download.ErrorCode);
        Assert.Equal("nope.cfg is not known", download.ErrorMessage);
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "nope.cfg");
        Assert.Equal(TftpTransferOutcome.NotFound, record.Outcome);
        await tftp.WhenIdleAsync();
    }

    [Fact(Timeout = 20_000)]
    public async Task A_secret_file_is_refused_outside_the_allowed_network_and_served_inside_it()
    {
        var files = new InMemoryTftpFileProvider { AllowedNetwork = IPNetwork.Parse("127.0.0.3/32") }.Add("secret.cfg", Config, secret: true);
        await using var tftp = await TftpTestServer.StartAsync(files, o => o.Addresses = ["0.0.0.0"]);
        var server = new IPEndPoint(IPAddress.Loopback, tftp.EndPoint.Port);
        using var outsider = new TestTftpClient(IPAddress.Parse("127.0.0.2"));
        using var insider = new TestTftpClient(IPAddress.Parse("127.0.0.3"));

        var refused = await outsider.GetAsync(server, "secret.cfg");
        var served = await insider.GetAsync(server, "secret.cfg");

        Assert.Equal(TftpErrorCode.AccessViolation, refused.ErrorCode);
        Assert.Empty(refused.Content);
        Assert.Equal(Config, served.Content);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), files.Requests.First().RemoteEndPoint.Address);
        var record = await tftp.Observer.WaitForAsync(r => r.Outcome == TftpTransferOutcome.AccessDenied);
        Assert.Equal(outsider.LocalEndPoint, record.RemoteEndPoint);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_write_request_is_refused_with_an_error_and_never_reaches_the_provider()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider());
        using var client = new TestTftpClient();
        var wrq = new byte[64];
        var length = TftpPacketCodec.WriteRequest(wrq, TftpOpcode.WriteRequest, "upload.cfg", TftpTransferMode.Octet, []);

        await client.SendRawAsync(tftp.EndPoint, wrq[..length]);
        var reply = await client.ReceiveRawAsync(TimeSpan.FromSeconds(5));

        Assert.True(TftpPacketCodec.TryParseError(reply!.Value.Datagram, out var code, out _));
        Assert.Equal(TftpErrorCode.AccessViolation, code);
        Assert.Empty(tftp.Files.Requests);
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "upload.cfg");
        Assert.Equal(TftpTransferOutcome.Rejected, record.Outcome);
    }

    [Theory(Timeout = 20_000)]
    [InlineData(new byte[] { 0, 1, (byte)'f', 0, (byte)'m', (byte)'a', (byte)'i', (byte)'l', 0 })]
    [InlineData(new byte[] { 0, 1, (byte)'f' })]
    [InlineData(new byte[] { 0, 9, 1, 2, 3 })]
    public async Task A_malformed_request_gets_an_illegal_operation_error(byte[] datagram)
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider());
        using var client = new TestTftpClient();

        await client.SendRawAsync(tftp.EndPoint, datagram);
        var reply = await client.ReceiveRawAsync(TimeSpan.FromSeconds(5));

        Assert.True(TftpPacketCodec.TryParseError(reply!.Value.Datagram, out var code, out _));
        Assert.Equal(TftpErrorCode.IllegalOperation, code);
    }

    [Fact(Timeout = 20_000)]
    public async Task Stray_packets_and_oversized_datagrams_on_the_request_port_are_dropped_and_service_goes_on()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.cfg", Config));
        using var client = new TestTftpClient();

        await client.SendRawAsync(tftp.EndPoint, [0, 4, 0, 1]);
        await client.SendRawAsync(tftp.EndPoint, [0, 5, 0, 0, 0]);
        await client.SendRawAsync(tftp.EndPoint, [7]);
        await client.SendRawAsync(tftp.EndPoint, [0, 1, .. new byte[5000]]);
        var download = await client.GetAsync(tftp.EndPoint, "a.cfg");

        Assert.Equal(Config, download.Content);
        Assert.Equal(0, download.UnexpectedDataPackets);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_stranger_writing_to_a_transfer_port_gets_error_5_and_the_transfer_goes_on()
    {
        var content = Wait.RandomBytes(1500, seed: 5);
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.bin", content), o => o.Timeout = TimeSpan.FromSeconds(5));
        using var owner = new TestTftpClient();
        using var stranger = new TestTftpClient();
        var rrq = new byte[64];

        await owner.SendRawAsync(tftp.EndPoint, rrq[..TftpPacketCodec.WriteRequest(rrq, TftpOpcode.ReadRequest, "a.bin", TftpTransferMode.Octet, [])]);
        var first = (await owner.ReceiveRawAsync(TimeSpan.FromSeconds(5)))!.Value;
        await stranger.SendRawAsync(first.From, [0, 4, 0, 1]);
        var rebuff = (await stranger.ReceiveRawAsync(TimeSpan.FromSeconds(5)))!.Value;
        await owner.SendRawAsync(first.From, [0, 4, 0, 1]);
        var second = (await owner.ReceiveRawAsync(TimeSpan.FromSeconds(5)))!.Value;

        Assert.True(TftpPacketCodec.TryParseError(rebuff.Datagram, out var code, out _));
        Assert.Equal(TftpErrorCode.UnknownTransferId, code);
        Assert.True(TftpPacketCodec.TryParseData(second.Datagram, out var block, out var payload));
        Assert.Equal(2, block);
        Assert.Equal(content[512..1024], payload.ToArray());
    }

    [Fact(Timeout = 20_000)]
    public async Task A_retransmitted_request_does_not_start_a_second_session()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.cfg", Config), o => o.Timeout = TimeSpan.FromSeconds(5));
        using var client = new TestTftpClient();
        var rrq = new byte[64];
        var request = rrq[..TftpPacketCodec.WriteRequest(rrq, TftpOpcode.ReadRequest, "a.cfg", TftpTransferMode.Octet, [])];

        await client.SendRawAsync(tftp.EndPoint, request);
        var first = await client.ReceiveRawAsync(TimeSpan.FromSeconds(5));
        await client.SendRawAsync(tftp.EndPoint, request);
        var second = await client.ReceiveRawAsync(TimeSpan.FromMilliseconds(300));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Single(tftp.Files.Requests);
        Assert.Equal(1, tftp.Server.ActiveSessions);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_client_that_goes_silent_is_given_up_after_the_retries_and_its_slot_is_freed()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.cfg", Config), o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(50);
            o.MaxRetries = 2;
            o.FirstAnswerRetries = 2;
        });
        using var client = new TestTftpClient();
        var rrq = new byte[64];

        await client.SendRawAsync(tftp.EndPoint, rrq[..TftpPacketCodec.WriteRequest(rrq, TftpOpcode.ReadRequest, "a.cfg", TftpTransferMode.Octet, [])]);
        var sends = 0;
        while (await client.ReceiveRawAsync(TimeSpan.FromMilliseconds(500)) is not null)
        {
            sends++;
        }

        Assert.Equal(3, sends);
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "a.cfg");
        Assert.Equal(TftpTransferOutcome.Failed, record.Outcome);
        Assert.Equal("no answer after 2 retransmissions", record.Message);
        await tftp.WhenIdleAsync();
    }

    [Fact(Timeout = 20_000)]
    public async Task A_session_with_a_long_client_timeout_is_reaped_when_idle()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.cfg", Config), o =>
        {
            o.IdleTimeout = TimeSpan.FromMilliseconds(300);
            o.ReapInterval = TimeSpan.FromMilliseconds(50);
        });
        using var client = new TestTftpClient();
        var rrq = new byte[64];

        await client.SendRawAsync(tftp.EndPoint, rrq[..TftpPacketCodec.WriteRequest(rrq, TftpOpcode.ReadRequest, "a.cfg", TftpTransferMode.Octet, [new("timeout", "255")])]);

        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "a.cfg");
        Assert.Equal(TftpTransferOutcome.Failed, record.Outcome);
        Assert.Equal("idle session reaped", record.Message);
        Assert.InRange(record.Duration, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        await tftp.WhenIdleAsync();
    }

    [Fact(Timeout = 20_000)]
    public async Task A_failing_or_hanging_provider_ends_in_an_error_not_a_stuck_session()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider(), o => o.IdleTimeout = TimeSpan.FromMilliseconds(300));
        using var client = new TestTftpClient();

        var failed = await client.GetAsync(tftp.EndPoint, "throws.cfg");
        var hung = await client.GetAsync(tftp.EndPoint, "hangs.cfg");

        Assert.Equal(TftpErrorCode.NotDefined, failed.ErrorCode);
        Assert.Equal(TftpErrorCode.NotDefined, hung.ErrorCode);
        Assert.Equal(2, (await Wait.UntilAsync(() => tftp.Observer.Records.Count(r => r.Outcome == TftpTransferOutcome.Failed) == 2 ? tftp.Observer.Records : null, "two failures")).Count);
        await tftp.WhenIdleAsync();
    }

    [Fact(Timeout = 20_000)]
    public async Task The_default_dual_stack_listener_serves_ipv6_and_ipv4_and_reports_ipv4_clients_as_ipv4()
    {
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.cfg", Config), o => o.Addresses = []);
        Assert.Equal(IPAddress.IPv6Any, tftp.EndPoint.Address);
        using var v6 = new TestTftpClient(IPAddress.IPv6Loopback);
        using var v4 = new TestTftpClient(IPAddress.Loopback);

        var overV6 = await v6.GetAsync(new IPEndPoint(IPAddress.IPv6Loopback, tftp.EndPoint.Port), "a.cfg");
        var overV4 = await v4.GetAsync(new IPEndPoint(IPAddress.Loopback, tftp.EndPoint.Port), "a.cfg");

        var missing = await v4.GetAsync(new IPEndPoint(IPAddress.Loopback, tftp.EndPoint.Port), "missing.cfg");

        Assert.Equal(Config, overV6.Content);
        Assert.Equal(Config, overV4.Content);
        Assert.Equal(TftpErrorCode.FileNotFound, missing.ErrorCode);
        Assert.Equal([IPAddress.IPv6Loopback, IPAddress.Loopback, IPAddress.Loopback], tftp.Files.Requests.Select(r => r.RemoteEndPoint.Address));
    }

    [Fact(Timeout = 20_000)]
    public async Task Stopping_the_server_ends_running_transfers_and_records_them()
    {
        var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("a.bin", new byte[10_000]), o => o.Timeout = TimeSpan.FromSeconds(5));
        using var client = new TestTftpClient();
        var rrq = new byte[64];
        await client.SendRawAsync(tftp.EndPoint, rrq[..TftpPacketCodec.WriteRequest(rrq, TftpOpcode.ReadRequest, "a.bin", TftpTransferMode.Octet, [])]);
        Assert.NotNull(await client.ReceiveRawAsync(TimeSpan.FromSeconds(5)));

        await tftp.DisposeAsync();

        var record = Assert.Single(tftp.Observer.Records);
        Assert.Equal(TftpTransferOutcome.Failed, record.Outcome);
        Assert.Equal("server stopping", record.Message);
        Assert.Equal(0, tftp.Server.ActiveSessions);
    }
}
