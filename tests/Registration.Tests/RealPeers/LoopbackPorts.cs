using System.Net;
using System.Net.Sockets;

namespace Sophia.Registration.Tests.RealPeers;

/// <summary>Ports on 127.0.0.1 free right now, for peers that must be told their port before they bind it.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port free for both UDP and TCP, so a SIP peer can listen on either.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                continue;
            }
        }
        throw new InvalidOperationException("no free loopback port after 20 attempts");
    }

    /// <summary>
    /// A port free for UDP and TCP whose next port is free for TCP too: baresip listens for SIP over UDP and TCP on the
    /// port it is given and for SIP over TLS on the one after it.
    /// </summary>
    public static int FreeWithNext()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var port = Free();
            if (port < IPEndPoint.MaxPort && !TcpInUse(port + 1))
            {
                return port;
            }
        }
        throw new InvalidOperationException("no free pair of loopback ports after 20 attempts");
    }

    /// <summary>Whether something holds this TCP port on 127.0.0.1.</summary>
    public static bool TcpInUse(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>Whether something holds this UDP port on 127.0.0.1 (a peer that finished starting).</summary>
    public static bool UdpInUse(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
