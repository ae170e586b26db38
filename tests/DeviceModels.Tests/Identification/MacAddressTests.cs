using Sophia.DeviceModels.Identification;

namespace Sophia.DeviceModels.Tests.Identification;

public sealed class MacAddressTests
{
    [Theory]
    [InlineData("00:15:65:98:8C:06")]
    [InlineData("00:15:65:98:8c:06")]
    [InlineData("00-15-65-98-8c-06")]
    [InlineData("00-15-65-98-8C-06")]
    [InlineData("001565988c06")]
    [InlineData("001565988C06")]
    [InlineData("0015.6598.8c06")]
    [InlineData("  00:15:65:98:8c:06  ")]
    public void Every_common_notation_parses_to_the_same_address(string text)
    {
        Assert.True(MacAddress.TryParse(text, out var mac));
        Assert.Equal("001565988c06", mac.ToString());
        Assert.Equal(MacAddress.Parse("001565988c06"), mac);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("001565988c0")]
    [InlineData("001565988c0600")]
    [InlineData("00:15:65:98:8c")]
    [InlineData("00:15:65:98:8c:06:07")]
    [InlineData("00:15-65:98:8c:06")]
    [InlineData("00-15-65:98-8c-06")]
    [InlineData("0015.6598-8c06")]
    [InlineData("001:565:98:8c:06")]
    [InlineData("0:015:65:98:8c:06")]
    [InlineData("00:15:65:98:8c:06:")]
    [InlineData(":00:15:65:98:8c:06")]
    [InlineData("00::15:65:98:8c:06")]
    [InlineData("00:15:65:98:8g:06")]
    [InlineData("00:15:65:98:8c:0z")]
    [InlineData("0015.65988c06")]
    [InlineData("00.15.65.98.8c.06")]
    [InlineData("0015:6598:8c06")]
    [InlineData("00 15 65 98 8c 06")]
    [InlineData("00:15:65:98:8c:06x")]
    [InlineData("００:15:65:98:8c:06")]
    public void Malformed_text_is_not_a_mac_address(string text)
    {
        Assert.False(MacAddress.TryParse(text, out _));
        Assert.Throws<FormatException>(() => MacAddress.Parse(text));
    }

    [Fact]
    public void Null_is_not_a_mac_address()
    {
        Assert.False(MacAddress.TryParse((string?)null, out _));
    }

    [Fact]
    public void Display_form_is_upper_case_with_colons()
    {
        Assert.Equal("00:15:65:98:8C:06", MacAddress.Parse("001565988c06").ToDisplayString());
        Assert.Equal("00:04:F2:A1:B2:C3", MacAddress.Parse("00-04-f2-a1-b2-c3").ToDisplayString());
    }

    [Fact]
    public void Oui_is_the_first_three_bytes_in_upper_case()
    {
        Assert.Equal("001565", MacAddress.Parse("00:15:65:98:8c:06").Oui);
        Assert.Equal("805EC0", MacAddress.Parse("80:5e:c0:d5:7d:72").Oui);
        Assert.Equal("0004F2", MacAddress.Parse("0004f2a1b2c3").Oui);
    }

    [Fact]
    public void Leading_zero_bytes_are_kept_in_every_form()
    {
        var mac = MacAddress.Parse("00:00:00:00:00:01");
        Assert.Equal("000000000001", mac.ToString());
        Assert.Equal("00:00:00:00:00:01", mac.ToDisplayString());
        Assert.Equal("000000", mac.Oui);
    }

    [Fact]
    public void The_highest_address_round_trips()
    {
        var mac = MacAddress.Parse("FF:FF:FF:FF:FF:FF");
        Assert.Equal("ffffffffffff", mac.ToString());
        Assert.Equal(mac, MacAddress.Parse(mac.ToDisplayString()));
    }

    [Fact]
    public void Bytes_build_the_same_address_as_text()
    {
        Assert.Equal(MacAddress.Parse("00:15:65:98:8c:06"), MacAddress.FromBytes([0x00, 0x15, 0x65, 0x98, 0x8c, 0x06]));
        Assert.Throws<ArgumentException>(() => MacAddress.FromBytes([1, 2, 3, 4, 5]));
    }

    [Fact]
    public void Addresses_order_by_value()
    {
        var low = MacAddress.Parse("00:04:f2:a1:b2:c3");
        var high = MacAddress.Parse("00:15:65:98:8c:06");
        Assert.True(low < high);
        Assert.True(high >= low);
        Assert.Equal(-1, Math.Sign(low.CompareTo(high)));
        Assert.Equal([low, high], new[] { high, low }.Order().ToArray());
    }

    [Fact]
    public void Span_parsing_agrees_with_string_parsing()
    {
        Assert.True(MacAddress.TryParse("x001565988c06".AsSpan(1), out var mac));
        Assert.Equal("001565988c06", mac.ToString());
    }
}
