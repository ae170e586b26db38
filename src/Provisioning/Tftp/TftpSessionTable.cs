using System.Net;

namespace Sophia.Provisioning.Tftp;

internal enum TftpAdmission
{
    Admitted,

    /// <summary>A session from this very address and port is running: the request is a retransmitted RRQ.</summary>
    Duplicate,
    ServerBusy,
    AddressBusy,
}

/// <summary>
/// Counts sessions, globally and per client address, so that one address flooding requests cannot take the
/// slots everyone else needs. A session holds its slot from the request until its transfer has ended.
/// </summary>
internal sealed class TftpSessionTable(int maxSessions, int maxSessionsPerAddress)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly HashSet<IPEndPoint> _endPoints = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _endPoints.Count;
            }
        }
    }

    public TftpAdmission TryAdmit(IPEndPoint remote)
    {
        lock (_gate)
        {
            if (_endPoints.Contains(remote))
            {
                return TftpAdmission.Duplicate;
            }

            if (_endPoints.Count >= maxSessions)
            {
                return TftpAdmission.ServerBusy;
            }

            _perAddress.TryGetValue(remote.Address, out var count);
            if (count >= maxSessionsPerAddress)
            {
                return TftpAdmission.AddressBusy;
            }

            _perAddress[remote.Address] = count + 1;
            _endPoints.Add(remote);
            return TftpAdmission.Admitted;
        }
    }

    public void Release(IPEndPoint remote)
    {
        lock (_gate)
        {
            if (!_endPoints.Remove(remote))
            {
                return;
            }

            var count = _perAddress[remote.Address] - 1;
            if (count == 0)
            {
                _perAddress.Remove(remote.Address);
            }
            else
            {
                _perAddress[remote.Address] = count;
            }
        }
    }
}
