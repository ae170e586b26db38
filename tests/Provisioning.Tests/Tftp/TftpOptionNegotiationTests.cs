using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

public sealed class TftpOptionNegotiationTests
{
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public void Without_options_the_transfer_runs_on_rfc_1350_defaults_and_sends_no_oack()
    {
        var options = TftpOptionNegotiation.Negotiate([], 1000, ServerTimeout);

        Assert.Equal(512, options.BlockSize);
        Assert.Equal(1, options.WindowSize);
        Assert.Equal(ServerTimeout, options.Timeout);
        Assert.Null(options.TransferSize);
        Assert.Empty(options.Acknowledged);
    }

    [Fact]
    public void All_supported_options_are_acknowledged_with_the_values_in_force()
    {
        var options = TftpOptionNegotiation.Negotiate(
            [new("BLKSIZE", "1428"), new("tsize", "0"), new("timeout", "3"), new("windowsize", "8"), new("multicast", "")],
            2_097_152,
            ServerTimeout);

        Assert.Equal(1428, options.BlockSize);
        Assert.Equal(8, options.WindowSize);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(2_097_152, options.TransferSize);
        Assert.Equal([new("blksize", "1428"), new("tsize", "2097152"), new("timeout", "3"), new("windowsize", "8")], options.Acknowledged);
    }

    [Theory]
    [InlineData("7", null)]
    [InlineData("8", 8)]
    [InlineData("65464", 65464)]
    [InlineData("65465", 65464)]
    [InlineData("99999999999999999999", null)]
    [InlineData("-1", null)]
    [InlineData("1e3", null)]
    public void The_block_size_is_kept_within_rfc_2348_bounds(string requested, int? granted)
    {
        var options = TftpOptionNegotiation.Negotiate([new("blksize", requested)], 10, ServerTimeout);

        Assert.Equal(granted ?? 512, options.BlockSize);
        Assert.Equal(granted is null ? [] : [new("blksize", granted.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))], options.Acknowledged);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("255", true)]
    [InlineData("256", false)]
    public void A_timeout_outside_1_to_255_seconds_is_ignored(string requested, bool accepted)
    {
        var options = TftpOptionNegotiation.Negotiate([new("timeout", requested)], 10, ServerTimeout);

        Assert.Equal(accepted, options.Acknowledged.Count == 1);
        Assert.Equal(accepted ? TimeSpan.FromSeconds(int.Parse(requested, System.Globalization.CultureInfo.InvariantCulture)) : ServerTimeout, options.Timeout);
    }

    [Fact]
    public void A_huge_window_is_granted_smaller_and_a_zero_window_is_ignored()
    {
        Assert.Equal(TftpOptionNegotiation.MaxWindowSize, TftpOptionNegotiation.Negotiate([new("windowsize", "65535")], 10, ServerTimeout).WindowSize);
        Assert.Empty(TftpOptionNegotiation.Negotiate([new("windowsize", "0")], 10, ServerTimeout).Acknowledged);
    }

    [Fact]
    public void A_repeated_option_keeps_its_first_value()
    {
        var options = TftpOptionNegotiation.Negotiate([new("blksize", "1024"), new("blksize", "8")], 10, ServerTimeout);

        Assert.Equal(1024, options.BlockSize);
        Assert.Single(options.Acknowledged);
    }
}
