using Microsoft.Extensions.Time.Testing;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

public sealed class TftpReadTransferTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingSink _sink = new();

    [Fact]
    public void Without_options_block_1_goes_out_at_once_and_the_last_ack_completes_the_transfer()
    {
        var content = Wait.RandomBytes(1000, seed: 1);
        var transfer = Start(content, Plain());

        Assert.Equal([1], _sink.DataBlocks());
        Assert.Equal(content[..512], _sink.Data(0).Payload);

        Ack(transfer, 1);
        Assert.Equal(content[512..], _sink.Data(1).Payload);

        Ack(transfer, 2);
        Assert.Equal(TftpTransferState.Completed, transfer.State);
        Assert.Equal(1000, transfer.BytesAcknowledged);
        Assert.Equal(2, _sink.Packets.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(512)]
    [InlineData(1024)]
    public void A_file_that_fills_its_last_block_ends_with_an_empty_block(int size)
    {
        var transfer = Start(new byte[size], Plain());
        for (ushort block = 1; block <= size / 512; block++)
        {
            Ack(transfer, block);
        }

        Assert.Empty(_sink.Data(size / 512).Payload);
        Ack(transfer, (ushort)((size / 512) + 1));
        Assert.Equal(TftpTransferState.Completed, transfer.State);
    }

    [Fact]
    public void With_options_the_oack_comes_first_and_data_waits_for_ack_0()
    {
        var options = TftpOptionNegotiation.Negotiate([new("blksize", "8"), new("tsize", "0")], 20, Timeout);
        var transfer = Start(new byte[20], options);

        Assert.True(TftpPacketCodec.TryParseOptionAck(_sink.Packets[0], out var acknowledged));
        Assert.Equal([new("blksize", "8"), new("tsize", "20")], acknowledged);
        Assert.Equal(TftpTransferState.Negotiating, transfer.State);

        Ack(transfer, 1);
        Assert.Single(_sink.Packets);

        Ack(transfer, 0);
        Assert.Equal([1], _sink.DataBlocks());
        Assert.Equal(8, _sink.Data(1).Payload.Length);
    }

    [Fact]
    public void The_oack_is_resent_on_timeout()
    {
        var transfer = Start(new byte[20], TftpOptionNegotiation.Negotiate([new("tsize", "0")], 20, Timeout));

        _clock.Advance(Timeout);
        transfer.Tick(_sink);

        Assert.Equal(2, _sink.Packets.Count);
        Assert.Equal(_sink.Packets[0], _sink.Packets[1]);
        Assert.Equal(1, transfer.Retransmissions);
    }

    [Fact]
    public void A_duplicate_ack_never_makes_a_duplicate_send()
    {
        var transfer = Start(new byte[5000], Plain());
        Ack(transfer, 1);
        Ack(transfer, 2);
        var sent = _sink.Packets.Count;

        Ack(transfer, 2);
        Ack(transfer, 2);
        Ack(transfer, 1);

        Assert.Equal(sent, _sink.Packets.Count);
        Ack(transfer, 3);
        Assert.Equal([1, 2, 3, 4], _sink.DataBlocks());
    }

    [Fact]
    public void A_silent_client_gets_the_block_again_after_each_timeout_until_the_retries_run_out()
    {
        var transfer = Start(new byte[100], Plain(), maxRetries: 3);

        _clock.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        transfer.Tick(_sink);
        Assert.Single(_sink.Packets);

        for (var retry = 1; retry <= 3; retry++)
        {
            _clock.Advance(Timeout);
            transfer.Tick(_sink);
            Assert.Equal(retry + 1, _sink.Packets.Count);
        }

        _clock.Advance(Timeout);
        transfer.Tick(_sink);
        Assert.Equal(TftpTransferState.Failed, transfer.State);
        Assert.Equal("no answer after 3 retransmissions", transfer.FailureReason);
        Assert.Equal(4, _sink.Packets.Count);
        Assert.Equal([1, 1, 1, 1], _sink.DataBlocks());
    }

    [Fact]
    public void A_client_that_never_answered_gets_the_first_block_resent_only_the_first_answer_retries()
    {
        var transfer = Start(new byte[100], Plain(), maxRetries: 5, firstAnswerRetries: 1);

        for (var timeout = 0; timeout < 2; timeout++)
        {
            _clock.Advance(Timeout);
            transfer.Tick(_sink);
        }

        Assert.Equal(TftpTransferState.Failed, transfer.State);
        Assert.Equal([1, 1], _sink.DataBlocks());
    }

    [Fact]
    public void Once_the_client_has_answered_the_full_retries_apply()
    {
        var transfer = Start(new byte[2000], Plain(), maxRetries: 3, firstAnswerRetries: 1);
        Ack(transfer, 1);

        for (var timeout = 0; timeout < 3; timeout++)
        {
            _clock.Advance(Timeout);
            transfer.Tick(_sink);
        }

        Assert.Equal(TftpTransferState.Transferring, transfer.State);
        Assert.Equal([1, 2, 2, 2, 2], _sink.DataBlocks());
    }

    [Fact]
    public void Progress_gives_the_retries_back()
    {
        var transfer = Start(new byte[2000], Plain(), maxRetries: 1);
        _clock.Advance(Timeout);
        transfer.Tick(_sink);

        Ack(transfer, 1);
        _clock.Advance(Timeout);
        transfer.Tick(_sink);

        Assert.Equal(TftpTransferState.Transferring, transfer.State);
        Assert.Equal([1, 1, 2, 2], _sink.DataBlocks());
    }

    [Fact]
    public void The_client_timeout_option_sets_the_retransmission_timeout()
    {
        var transfer = Start(new byte[10], TftpOptionNegotiation.Negotiate([new("timeout", "5")], 10, Timeout));
        Ack(transfer, 0);
        var sent = _sink.Packets.Count;

        _clock.Advance(TimeSpan.FromSeconds(4));
        transfer.Tick(_sink);
        Assert.Equal(sent, _sink.Packets.Count);

        _clock.Advance(TimeSpan.FromSeconds(1));
        transfer.Tick(_sink);
        Assert.Equal(sent + 1, _sink.Packets.Count);
    }

    [Fact]
    public void An_error_from_the_client_ends_the_transfer()
    {
        var transfer = Start(new byte[100], Plain());
        var error = new byte[32];
        var length = TftpPacketCodec.WriteError(error, TftpErrorCode.DiskFull, "disk full");

        transfer.Receive(error.AsSpan(0, length), _sink);
        _clock.Advance(Timeout * 10);
        transfer.Tick(_sink);

        Assert.Equal(TftpTransferState.Failed, transfer.State);
        Assert.Equal("client sent error 3: disk full", transfer.FailureReason);
        Assert.Single(_sink.Packets);
    }

    [Fact]
    public void An_ack_beyond_what_was_sent_is_ignored()
    {
        var transfer = Start(new byte[5000], Plain());

        Ack(transfer, 7);
        Ack(transfer, 65535);

        Assert.Equal([1], _sink.DataBlocks());
        Assert.Equal(0, transfer.BytesAcknowledged);
    }

    [Fact]
    public void A_window_goes_out_whole_and_an_ack_inside_it_starts_the_next_window_after_that_block()
    {
        var transfer = Start(new byte[512 * 10], Negotiated("windowsize", "4"));
        Ack(transfer, 0);
        Assert.Equal([1, 2, 3, 4], _sink.DataBlocks());

        Ack(transfer, 2);
        Assert.Equal([1, 2, 3, 4, 3, 4, 5, 6], _sink.DataBlocks());

        Ack(transfer, 6);
        Assert.Equal([1, 2, 3, 4, 3, 4, 5, 6, 7, 8, 9, 10], _sink.DataBlocks());

        Ack(transfer, 10);
        Assert.Equal(11, _sink.DataBlocks()[^1]);
        Assert.Empty(_sink.Data(_sink.Packets.Count - 1).Payload);
        Ack(transfer, 11);
        Assert.Equal(TftpTransferState.Completed, transfer.State);
    }

    [Fact]
    public void A_timeout_resends_the_whole_window()
    {
        var transfer = Start(new byte[512 * 10], Negotiated("windowsize", "3"));
        Ack(transfer, 0);
        Ack(transfer, 3);

        _clock.Advance(Timeout);
        transfer.Tick(_sink);

        Assert.Equal([1, 2, 3, 4, 5, 6, 4, 5, 6], _sink.DataBlocks());
        Assert.Equal(3, transfer.Retransmissions);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void A_file_of_more_than_65535_blocks_rolls_the_block_number_over_to_0(int windowSize)
    {
        var content = Wait.RandomBytes((65_536 * 8) + 5, seed: 2);
        var transfer = Start(content, TftpOptionNegotiation.Negotiate([new("blksize", "8"), new("windowsize", $"{windowSize}")], content.Length, Timeout));
        Ack(transfer, 0);
        _sink.Packets.RemoveAt(0);

        var received = new MemoryStream();
        while (!transfer.IsFinished)
        {
            var window = Enumerable.Range(0, _sink.Packets.Count).Select(_sink.Data).ToList();
            _sink.Packets.Clear();
            foreach (var (_, payload) in window)
            {
                received.Write(payload);
            }

            Ack(transfer, window[^1].Block);
        }

        Assert.Equal(TftpTransferState.Completed, transfer.State);
        Assert.Equal(content, received.ToArray());
        Assert.Equal(content.Length, transfer.BytesAcknowledged);
    }

    [Fact]
    public void The_block_after_65535_is_numbered_0()
    {
        var transfer = Start(new byte[(65_536 * 8) + 1], TftpOptionNegotiation.Negotiate([new("blksize", "8")], 0, Timeout));
        Ack(transfer, 0);
        for (var block = 1; block <= 65_535; block++)
        {
            Ack(transfer, (ushort)block);
            _sink.KeepLast(1);
        }

        Assert.Equal([0], _sink.DataBlocks());
        Ack(transfer, 0);
        Assert.Equal([1], _sink.DataBlocks()[1..]);
    }

    [Fact]
    public void Nothing_is_sent_after_the_transfer_ended()
    {
        var transfer = Start(new byte[10], Plain());
        Ack(transfer, 1);
        var sent = _sink.Packets.Count;

        _clock.Advance(Timeout * 10);
        transfer.Tick(_sink);
        Ack(transfer, 1);
        transfer.Abort("late");

        Assert.Equal(sent, _sink.Packets.Count);
        Assert.Equal(TftpTransferState.Completed, transfer.State);
    }

    private static TftpTransferOptions Plain() => TftpTransferOptions.Defaults(Timeout);

    private static TftpTransferOptions Negotiated(string name, string value) =>
        TftpOptionNegotiation.Negotiate([new(name, value)], 0, Timeout);

    private TftpReadTransfer Start(byte[] content, TftpTransferOptions options, int maxRetries = 5, int firstAnswerRetries = int.MaxValue)
    {
        var transfer = new TftpReadTransfer(content, options, maxRetries, _clock, firstAnswerRetries);
        transfer.Start(_sink);
        return transfer;
    }

    private void Ack(TftpReadTransfer transfer, ushort block)
    {
        var packet = new byte[4];
        TftpPacketCodec.WriteAck(packet, block);
        transfer.Receive(packet, _sink);
    }
}

internal sealed class RecordingSink : ITftpPacketSink
{
    public List<byte[]> Packets { get; } = [];

    public void Send(ReadOnlySpan<byte> packet) => Packets.Add(packet.ToArray());

    public (ushort Block, byte[] Payload) Data(int index)
    {
        Assert.True(TftpPacketCodec.TryParseData(Packets[index], out var block, out var payload), $"packet {index} is not DATA");
        return (block, payload.ToArray());
    }

    public int[] DataBlocks() =>
        [.. Packets.Where(p => TftpPacketCodec.TryParseData(p, out _, out _)).Select(p => (int)((p[2] << 8) | p[3]))];

    public void KeepLast(int count) => Packets.RemoveRange(0, Math.Max(0, Packets.Count - count));
}
