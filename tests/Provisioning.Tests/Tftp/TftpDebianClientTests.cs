using System.Globalization;
using System.Net;
using System.Text;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

/// <summary>The server against the TFTP clients phones are tested with on Debian: tftp-hpa, atftp and curl.</summary>
[Collection(TftpNetworkCollection.Name)]
public sealed class TftpDebianClientTests : IDisposable
{
    private static readonly byte[] Config = Encoding.ASCII.GetBytes(
        "#!version:1.0.0.1\naccount.1.enable = 1\naccount.1.label = 201\r\nbare\rcarriage return\n");

    private static readonly byte[] Firmware = Wait.RandomBytes(300_000, seed: 7);

    private readonly DirectoryInfo _downloads = Directory.CreateTempSubdirectory("sophia-tftp-");

    public void Dispose() => _downloads.Delete(recursive: true);

    [Fact(Timeout = 30_000)]
    public async Task Tftp_hpa_gets_the_same_bytes_in_octet_mode()
    {
        await using var tftp = await StartAsync();

        var result = await Tftp(tftp.LoopbackV4, "-m", "octet", "fw.bin");

        Assert.Equal(Firmware, Downloaded("fw.bin", result));
        Assert.Equal(TftpTransferOutcome.Completed, (await tftp.Observer.WaitForAsync(r => r.FileName == "fw.bin")).Outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task Tftp_hpa_in_netascii_mode_gets_the_stored_text_back()
    {
        await using var tftp = await StartAsync();

        var result = await Tftp(tftp.LoopbackV4, "-m", "netascii", "y000000000044.cfg");

        Assert.Equal(Config, Downloaded("y000000000044.cfg", result));
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "y000000000044.cfg");
        Assert.Equal(TftpTransferMode.NetAscii, record.Mode);
        Assert.Equal(NetAscii.EncodedLength(Config), record.BytesSent);
    }

    [Fact(Timeout = 30_000)]
    public async Task Tftp_hpa_over_ipv6_reaches_the_default_dual_stack_listener()
    {
        await using var tftp = await StartAsync(o => o.Addresses = []);

        var result = await Tftp(new IPEndPoint(IPAddress.IPv6Loopback, tftp.EndPoint.Port), "-m", "octet", "fw.bin");

        Assert.Equal(Firmware, Downloaded("fw.bin", result));
    }

    [Fact(Timeout = 30_000)]
    public async Task Tftp_hpa_is_told_when_a_file_does_not_exist()
    {
        await using var tftp = await StartAsync();

        var result = await Tftp(tftp.LoopbackV4, "-m", "octet", "missing.cfg");

        Assert.Contains("Error code 1: missing.cfg is not known", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(TftpTransferOutcome.NotFound, (await tftp.Observer.WaitForAsync(r => r.FileName == "missing.cfg")).Outcome);
    }

    [Fact(Timeout = 30_000)]
    public async Task Atftp_with_blksize_1428_windowsize_and_tsize_gets_the_same_bytes()
    {
        await using var tftp = await StartAsync();
        var local = Path.Combine(_downloads.FullName, "fw.bin");

        var result = await DebianClient.RunAsync("atftp", "atftp",
            ["--verbose", "--option", "blksize 1428", "--option", "windowsize 8", "--option", "tsize", "-g", "-r", "fw.bin", "-l", local, "127.0.0.1", Port(tftp)]);

        Assert.True(File.Exists(local), result.ToString());
        Assert.Equal(Firmware, await File.ReadAllBytesAsync(local));
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "fw.bin");
        Assert.Equal((1428, 8, (long?)Firmware.Length), (record.Options!.BlockSize, record.Options.WindowSize, record.Options.TransferSize));
    }

    [Fact(Timeout = 30_000)]
    public async Task Atftp_without_options_gets_the_same_bytes()
    {
        await using var tftp = await StartAsync();
        var local = Path.Combine(_downloads.FullName, "y000000000044.cfg");

        var result = await DebianClient.RunAsync("atftp", "atftp", ["-g", "-r", "y000000000044.cfg", "-l", local, "127.0.0.1", Port(tftp)]);

        Assert.True(File.Exists(local), result.ToString());
        Assert.Equal(Config, await File.ReadAllBytesAsync(local));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("512")]
    [InlineData("1428")]
    public async Task Curl_with_tftp_blksize_gets_the_same_bytes(string blockSize)
    {
        await using var tftp = await StartAsync();
        var local = Path.Combine(_downloads.FullName, "fw.bin");

        var result = await DebianClient.RunAsync("curl", "curl",
            ["-sS", "--tftp-blksize", blockSize, "-o", local, $"tftp://127.0.0.1:{Port(tftp)}/fw.bin"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Firmware, await File.ReadAllBytesAsync(local));
        var record = await tftp.Observer.WaitForAsync(r => r.FileName == "fw.bin");
        Assert.Equal(int.Parse(blockSize, CultureInfo.InvariantCulture), record.Options!.BlockSize);
    }

    [Fact(Timeout = 30_000)]
    public async Task Curl_over_ipv6_without_options_gets_the_same_bytes()
    {
        await using var tftp = await StartAsync(o => o.Addresses = []);
        var local = Path.Combine(_downloads.FullName, "y000000000044.cfg");

        var result = await DebianClient.RunAsync("curl", "curl",
            ["-sS", "--tftp-no-options", "-o", local, $"tftp://[::1]:{Port(tftp)}/y000000000044.cfg"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Config, await File.ReadAllBytesAsync(local));
    }

    [Fact(Timeout = 30_000)]
    public async Task Curl_reports_a_refused_file_as_an_error()
    {
        await using var tftp = await StartAsync();

        var result = await DebianClient.RunAsync("curl", "curl", ["-sS", "-o", "/dev/null", $"tftp://127.0.0.1:{Port(tftp)}/missing.cfg"]);

        // 68 is CURLE_TFTP_NOTFOUND: curl read our ERROR 1 (its message text for it is unreliable in 7.88).
        Assert.Equal(68, result.ExitCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Atftp_with_blksize_8_and_a_window_gets_a_file_of_more_than_65535_blocks_across_the_rollover()
    {
        var huge = Wait.RandomBytes((65_536 * 8) + 100, seed: 8);
        await using var tftp = await TftpTestServer.StartAsync(new InMemoryTftpFileProvider().Add("huge.bin", huge));
        var local = Path.Combine(_downloads.FullName, "huge.bin");

        var result = await DebianClient.RunAsync("atftp", "atftp",
            ["--option", "blksize 8", "--option", "windowsize 64", "-g", "-r", "huge.bin", "-l", local, "127.0.0.1", Port(tftp)], timeout: TimeSpan.FromSeconds(50));
        Assert.True(File.Exists(local), result.ToString());
        Assert.Equal(huge, await File.ReadAllBytesAsync(local));
    }

    private static Task<TftpTestServer> StartAsync(Action<TftpOptions>? configure = null) =>
        TftpTestServer.StartAsync(
            new InMemoryTftpFileProvider().Add("fw.bin", Firmware).Add("y000000000044.cfg", Config),
            o =>
            {
                o.Timeout = TimeSpan.FromMilliseconds(500);
                configure?.Invoke(o);
            });

    private static string Port(TftpTestServer tftp) => tftp.EndPoint.Port.ToString(CultureInfo.InvariantCulture);

    // tftp-hpa reads its commands from standard input: no options to negotiate, just mode and get.
    private async Task<ProcessResult> Tftp(IPEndPoint server, string modeFlag, string mode, string file)
    {
        var local = Path.Combine(_downloads.FullName, file);
        string[] arguments = [server.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "-6" : "-4", modeFlag, mode,
            server.Address.ToString(), server.Port.ToString(CultureInfo.InvariantCulture), "-c", "get", file, local];
        return await DebianClient.RunAsync("tftp", "tftp-hpa", arguments);
    }

    private byte[] Downloaded(string file, ProcessResult result)
    {
        var local = Path.Combine(_downloads.FullName, file);
        Assert.True(File.Exists(local), result.ToString());
        return File.ReadAllBytes(local);
    }
}
