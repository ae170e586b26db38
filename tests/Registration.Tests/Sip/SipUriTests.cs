using Sophia.Registration.Sip;

namespace Sophia.Registration.Tests.Sip;

public sealed class SipUriTests
{
    [Fact]
    public void A_plain_contact_gives_user_host_port_and_transport()
    {
        var uri = SipUri.Parse("sip:rlu@127.0.0.1:5070;transport=udp");

        Assert.Equal("sip", uri.Scheme);
        Assert.Equal("rlu", uri.User);
        Assert.Equal("127.0.0.1", uri.Host);
        Assert.Equal(5070, uri.Port);
        Assert.Equal("udp", uri.Transport);
        Assert.Equal("sip:rlu@127.0.0.1:5070;transport=udp", uri.Value);
    }

    [Fact]
    public void A_name_addr_is_unwrapped_and_its_header_parameters_dropped()
    {
        var uri = SipUri.Parse("\"Ricardo Lu\" <sip:rlu@192.0.2.7:5062;transport=UDP;ob>;expires=3600;+sip.instance=\"<urn:uuid:1>\"");

        Assert.Equal("sip:rlu@192.0.2.7:5062;transport=UDP;ob", uri.Value);
        Assert.Equal("udp", uri.Transport);
        Assert.True(uri.HasParameter("ob"));
        Assert.Null(uri.Parameter("ob"));
        Assert.Null(uri.Parameter("expires"));
    }

    [Fact]
    public void Uri_headers_are_not_part_of_the_request_uri()
    {
        var uri = SipUri.Parse("sip:rlu@192.0.2.7?Subject=hello");

        Assert.Equal("sip:rlu@192.0.2.7", uri.Value);
        Assert.Null(uri.Port);
        Assert.Equal(5060, uri.EffectivePort);
    }

    [Fact]
    public void An_ipv6_reference_keeps_its_port_and_loses_its_brackets()
    {
        var uri = SipUri.Parse("sip:rlu@[::1]:5070");

        Assert.Equal("::1", uri.Host);
        Assert.Equal(5070, uri.Port);
        Assert.Equal(System.Net.IPAddress.IPv6Loopback, uri.HostAddress);
    }

    [Fact]
    public void A_contact_without_user_and_a_password_in_userinfo_are_understood()
    {
        Assert.Null(SipUri.Parse("sip:192.0.2.7:5062").User);
        Assert.Equal("rlu", SipUri.Parse("sip:rlu:secret@192.0.2.7").User);
        Assert.Equal(5061, SipUri.Parse("sips:rlu@pbx.example").EffectivePort);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tel:+33185737638")]
    [InlineData("sip:")]
    [InlineData("sip:rlu@host:99999")]
    [InlineData("sip:rlu@host:50a")]
    [InlineData("<sip:rlu@host")]
    [InlineData("sip:rlu@[::1")]
    [InlineData("sip:@host")]
    public void Text_that_is_not_a_sip_uri_is_refused(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }
}
