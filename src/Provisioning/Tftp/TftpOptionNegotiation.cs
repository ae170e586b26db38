using System.Globalization;

namespace Sophia.Provisioning.Tftp;

/// <summary>
/// What one read transfer runs with, after negotiation. <see cref="Acknowledged"/> is what goes into the OACK;
/// when it is empty the server answers with DATA block 1 straight away (RFC 2347).
/// </summary>
public sealed record TftpTransferOptions(
    int BlockSize,
    int WindowSize,
    TimeSpan Timeout,
    long? TransferSize,
    IReadOnlyList<TftpOption> Acknowledged)
{
    public static TftpTransferOptions Defaults(TimeSpan timeout) =>
        new(TftpOptionNegotiation.DefaultBlockSize, 1, timeout, null, []);
}

/// <summary>
/// Option negotiation for read requests: blksize (RFC 2348), timeout and tsize (RFC 2349), windowsize (RFC 7440).
/// An option the server cannot honour is left out of the OACK rather than failing the transfer, as RFC 2347 allows.
/// </summary>
public static class TftpOptionNegotiation
{
    public const int DefaultBlockSize = 512;
    public const int MinBlockSize = 8;
    public const int MaxBlockSize = 65464;

    /// <summary>RFC 7440 allows 65535; a window that large would be a burst of gigabytes, so we offer less.</summary>
    public const int MaxWindowSize = 64;

    private const int MinTimeoutSeconds = 1;
    private const int MaxTimeoutSeconds = 255;

    public static TftpTransferOptions Negotiate(IReadOnlyList<TftpOption> requested, long transferSize, TimeSpan defaultTimeout)
    {
        var blockSize = DefaultBlockSize;
        var windowSize = 1;
        var timeout = defaultTimeout;
        long? announcedSize = null;
        var acknowledged = new List<TftpOption>(requested.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var option in requested)
        {
            // A client that repeats an option gets its first value; the rest are noise.
            if (!seen.Add(option.Name) || !TryParseNumber(option.Value, out var value))
            {
                continue;
            }

            switch (option.Name.ToLowerInvariant())
            {
                case "blksize" when value >= MinBlockSize:
                    blockSize = (int)Math.Min(value, MaxBlockSize);
                    acknowledged.Add(new TftpOption("blksize", Format(blockSize)));
                    break;
                case "windowsize" when value is >= 1 and <= ushort.MaxValue:
                    windowSize = (int)Math.Min(value, MaxWindowSize);
                    acknowledged.Add(new TftpOption("windowsize", Format(windowSize)));
                    break;
                case "timeout" when value is >= MinTimeoutSeconds and <= MaxTimeoutSeconds:
                    timeout = TimeSpan.FromSeconds(value);
                    acknowledged.Add(new TftpOption("timeout", Format(value)));
                    break;
                case "tsize":
                    announcedSize = transferSize;
                    acknowledged.Add(new TftpOption("tsize", Format(transferSize)));
                    break;
                default:
                    break;
            }
        }

        return new TftpTransferOptions(blockSize, windowSize, timeout, announcedSize, acknowledged);
    }

    private static bool TryParseNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
