using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

/// <summary>Random and mutated packets against the codec and the transfer state machine: nothing escapes, nothing hangs.</summary>
public sealed class TftpPropertyTests
{
    [Property(MaxTest = 2000)]
    public void Any_datagram_is_parsed_or_refused_without_an_exception(byte[] datagram)
    {
        ParseEverything(datagram);
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(TftpArbitraries)])]
    public void A_mutated_request_is_parsed_or_refused_and_what_parses_survives_a_round_trip(MutatedRequest mutated)
    {
        var packet = mutated.Apply();
        ParseEverything(packet);
        if (!TftpPacketCodec.TryParseRequest(packet, out var request, out _))
        {
            return;
        }

        Assert.NotEmpty(request.FileName);
        Assert.DoesNotContain(request.FileName, c => char.IsControl(c));
        var buffer = new byte[4096];
        var length = TftpPacketCodec.WriteRequest(buffer, request.Opcode, request.FileName, request.Mode, request.Options);
        Assert.True(TftpPacketCodec.TryParseRequest(buffer.AsSpan(0, length), out var again, out _));
        Assert.Equal(request.FileName, again.FileName);
        Assert.Equal(request.Mode, again.Mode);
        Assert.Equal(request.Options, again.Options);
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(TftpArbitraries)])]
    public void A_transfer_fed_random_packets_and_ticks_sends_only_true_data_and_always_ends(TransferScenario scenario)
    {
        var clock = new FakeTimeProvider();
        var sink = new RecordingSink();
        var content = Wait.RandomBytes(scenario.ContentLength, scenario.ContentLength);
        var options = TftpOptionNegotiation.Negotiate(scenario.Options, content.Length, TimeSpan.FromSeconds(1));
        var transfer = new TftpReadTransfer(content, options, scenario.MaxRetries, clock);
        transfer.Start(sink);
        ushort lastData = 0;

        foreach (var step in scenario.Steps)
        {
            var before = (transfer.State, transfer.BytesAcknowledged, sink.Packets.Count);
            switch (step.Kind)
            {
                case StepKind.Tick:
                    clock.Advance(TimeSpan.FromMilliseconds(step.Number));
                    transfer.Tick(sink);
                    break;
                case StepKind.Ack:
                    var ack = new byte[4];
                    TftpPacketCodec.WriteAck(ack, (ushort)(lastData + step.Number));
                    transfer.Receive(ack, sink);
                    break;
                default:
                    transfer.Receive(step.Bytes, sink);
                    break;
            }

            if (step.Kind != StepKind.Tick && sink.Packets.Count > before.Count)
            {
                // A datagram that moved nothing forward must not make anything go out (no Sorcerer's Apprentice).
                Assert.True(transfer.State != before.State || transfer.BytesAcknowledged > before.BytesAcknowledged);
            }

            for (var i = before.Count; i < sink.Packets.Count; i++)
            {
                if (TftpPacketCodec.TryParseData(sink.Packets[i], out var block, out var payload))
                {
                    var start = (block - 1) * options.BlockSize;
                    Assert.InRange(block, 1, (content.Length / options.BlockSize) + 1);
                    Assert.Equal(content.AsSpan(start, Math.Min(options.BlockSize, content.Length - start)).ToArray(), payload.ToArray());
                    lastData = block;
                }
            }
        }

        for (var i = 0; i <= scenario.MaxRetries + 1 && !transfer.IsFinished; i++)
        {
            clock.Advance(options.Timeout);
            transfer.Tick(sink);
        }

        Assert.True(transfer.IsFinished, "the transfer outlived its retries");
    }

    // Each parser accepts only its own opcode, so at most one says yes, and only for the opcode on the wire.
    private static void ParseEverything(byte[] datagram)
    {
        var hasOpcode = TftpPacketCodec.TryReadOpcode(datagram, out var opcode);
        var accepted = new List<TftpOpcode>();
        if (TftpPacketCodec.TryParseRequest(datagram, out var request, out _))
        {
            accepted.Add(request.Opcode);
        }

        if (TftpPacketCodec.TryParseAck(datagram, out _))
        {
            accepted.Add(TftpOpcode.Ack);
        }

        if (TftpPacketCodec.TryParseData(datagram, out _, out _))
        {
            accepted.Add(TftpOpcode.Data);
        }

        if (TftpPacketCodec.TryParseError(datagram, out _, out _))
        {
            accepted.Add(TftpOpcode.Error);
        }

        if (TftpPacketCodec.TryParseOptionAck(datagram, out _))
        {
            accepted.Add(TftpOpcode.OptionAck);
        }

        Assert.True(accepted.Count <= 1);
        Assert.True(accepted.Count == 0 || (hasOpcode && accepted[0] == opcode));
    }
}

public enum StepKind
{
    Tick,
    Ack,
    Bytes,
}

public sealed record Step(StepKind Kind, int Number, byte[] Bytes)
{
    public override string ToString() => $"{Kind} {Number} [{Convert.ToHexString(Bytes)}]";
}

public sealed record TransferScenario(int ContentLength, TftpOption[] Options, int MaxRetries, Step[] Steps)
{
    public override string ToString() =>
        $"{ContentLength} bytes, options {string.Join(",", Options)}, retries {MaxRetries}: {string.Join("; ", Steps.Select(s => s.ToString()))}";
}

public sealed record MutatedRequest(byte[] Packet, int[] Flips, int Cut, byte[] Tail)
{
    public byte[] Apply()
    {
        var bytes = (byte[])Packet.Clone();
        foreach (var flip in Flips)
        {
            bytes[Math.Abs(flip % bytes.Length)] ^= (byte)(1 << (Math.Abs(flip) % 8));
        }

        return [.. bytes.AsSpan(0, Math.Min(bytes.Length, Math.Max(0, Cut))), .. Tail];
    }

    public override string ToString() => $"{Convert.ToHexString(Apply())}";
}

public static class TftpArbitraries
{
    private static readonly string[] OptionNames = ["blksize", "tsize", "timeout", "windowsize", "BlkSize", "multicast", "", "x"];
    private static readonly string[] OptionValues = ["0", "1", "8", "512", "1428", "65464", "65535", "99999999999", "-1", "", "abc"];

    public static Arbitrary<MutatedRequest> MutatedRequests()
    {
        var options = Gen.ArrayOf(Gen.Elements(OptionNames).Zip(Gen.Elements(OptionValues)).Select(p => new TftpOption(p.Item1, p.Item2)), 6);
        var packet =
            from name in Gen.Elements("f", "y000000000044.cfg", "SEP001565988c06.cnf.xml", "dir/../x", "été.cfg")
            from mode in Gen.Elements(TftpTransferMode.Octet, TftpTransferMode.NetAscii)
            from opcode in Gen.Elements(TftpOpcode.ReadRequest, TftpOpcode.WriteRequest)
            from opts in options
            select Write(opcode, name, mode, opts);
        var mutated =
            from bytes in packet
            from flips in Gen.ArrayOf(Gen.Choose(-10_000, 10_000), 3)
            from cut in Gen.Choose(0, 200)
            from tail in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 4)
            select new MutatedRequest(bytes, flips, cut, tail);
        return Arb.From(mutated);
    }

    public static Arbitrary<TransferScenario> TransferScenarios()
    {
        var option =
            from name in Gen.Elements("blksize", "windowsize", "tsize", "timeout")
            from value in Gen.OneOf(Gen.Choose(0, 40), Gen.Choose(0, 700)).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))
            select new TftpOption(name, value);
        var step = Gen.OneOf(
            Gen.Choose(0, 2500).Select(ms => new Step(StepKind.Tick, ms, [])),
            Gen.Choose(-3, 4).Select(delta => new Step(StepKind.Ack, delta, [])),
            Gen.Choose(-3, 4).Select(delta => new Step(StepKind.Ack, delta, [])),
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Select(bytes => new Step(StepKind.Bytes, 0, bytes)),
            Gen.Elements<byte[]>([0, 4, 0, 0], [0, 5, 0, 1], [0, 5, 0, 8, 0], [0, 4], [0, 6, 0], [0, 1, 0, 0]).Select(bytes => new Step(StepKind.Bytes, 0, bytes)));
        var scenario =
            from length in Gen.Choose(0, 3000)
            from options in Gen.ArrayOf(option, 3)
            from retries in Gen.Choose(0, 4)
            from steps in Gen.ArrayOf(step, 60)
            select new TransferScenario(length, options, retries, steps);
        return Arb.From(scenario);
    }

    private static byte[] Write(TftpOpcode opcode, string name, TftpTransferMode mode, TftpOption[] options)
    {
        var buffer = new byte[1024];
        return buffer[..TftpPacketCodec.WriteRequest(buffer, opcode, name, mode, options)];
    }
}
