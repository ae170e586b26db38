using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sophia.Registration.Sip;

namespace Sophia.Registration.Tests.Sip;

/// <summary>
/// A UDP peer on loopback that records every request it gets and answers what its script says
/// (nothing, for a phone that went away).
/// </summary>
internal sealed class ScriptedPhone : IAsyncDisposable
{
    private readonly UdpClient udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Func<SipMessage, IEnumerable<string>> script;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public ScriptedPhone(Func<SipMessage, IEnumerable<string>> script)
    {
        this.script = script;
        loop = Task.Run(ReceiveAsync);
    }

    public ConcurrentQueue<SipMessage> Received { get; } = new();

    public int Port => ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

    public string Contact => $"sip:rlu-0x1@127.0.0.1:{Port}";

    public static ScriptedPhone Silent() => new(_ => []);

    public static ScriptedPhone Answering(int status, string reason) => new(request => [Reply(request, status, reason)]);

    /// <summary>A response to <paramref name="request"/> with its transaction headers copied (RFC 3261 §8.2.6.2).</summary>
    public static string Reply(SipMessage request, int status, string reason, string? callId = null, string? cseq = null)
    {
        var text = new StringBuilder();
        text.Append($"SIP/2.0 {status} {reason}\r\n");
        text.Append($"Via: {request.Header("Via")};received=127.0.0.1\r\n");
        text.Append($"From: {request.Header("From")}\r\n");
        text.Append($"To: {request.Header("To")};tag=phone1\r\n");
        text.Append($"Call-ID: {callId ?? request.CallId}\r\n");
        text.Append($"CSeq: {cseq ?? request.Header("CSeq")}\r\n");
        text.Append("Content-Length: 0\r\n\r\n");
        return text.ToString();
    }

    public async Task WaitForRequestsAsync(int count, TimeSpan within)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Received.Count < count)
        {
            Assert.True(waited.Elapsed < within, $"the phone got {Received.Count} requests, expected {count}");
            await Task.Delay(10);
        }
    }

    private async Task ReceiveAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await udp.ReceiveAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!SipMessageParser.TryParse(datagram.Buffer, out var request, out _))
            {
                continue;
            }
            Received.Enqueue(request);
            foreach (var reply in script(request))
            {
                await udp.SendAsync(Encoding.UTF8.GetBytes(reply), datagram.RemoteEndPoint);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        udp.Dispose();
        stop.Dispose();
    }
}
