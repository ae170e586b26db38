using System.Text;
using Sophia.Registration.Sip;

namespace Sophia.Registration.Tests.Sip;

public sealed class SipMessageParserTests
{
    // baresip 1.0.0 (Debian) answering our OPTIONS on loopback, as captured.
    private const string BaresipOptions200 =
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:46278;branch=z9hG4bK-abcOPTIONS;rport=46278;received=127.0.0.1\r\n" +
        "From: <sip:sophia@127.0.0.1>;tag=1234\r\n" +
        "To: <sip:rlu@15rp.sewan.eu>;tag=bf7ea0f1655def90\r\n" +
        "Call-ID: cid-OPTIONS@127.0.0.1\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Server: baresip v1.0.0 (x86_64/linux)\r\n" +
        "Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,SUBSCRIBE,INFO,MESSAGE,REFER\r\n" +
        "Supported:\r\n" +
        "Contact: <sip:rlu-0x56428b59a550@127.0.0.1:15070>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 10\r\n" +
        "\r\n" +
        "v=0\r\ns=-\r\nX";

    // baresip 1.0.0 answering an out-of-dialog NOTIFY check-sync.
    private const string BaresipNotify481 =
        "SIP/2.0 481 Subscription Does Not Exist\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:46219;branch=z9hG4bK-abcNOTIFY;rport=46219;received=127.0.0.1\r\n" +
        "From: <sip:sophia@127.0.0.1>;tag=1234\r\n" +
        "To: <sip:rlu@15rp.sewan.eu>;tag=ab182a46606bce09\r\n" +
        "Call-ID: cid-NOTIFY@127.0.0.1\r\n" +
        "CSeq: 1 NOTIFY\r\n" +
        "Server: baresip v1.0.0 (x86_64/linux)\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    [Fact]
    public void A_captured_200_to_options_gives_status_transaction_keys_and_body()
    {
        var message = Parse(BaresipOptions200);

        Assert.True(message.IsResponse);
        Assert.Equal(200, message.StatusCode);
        Assert.Equal("OK", message.ReasonPhrase);
        Assert.Equal("z9hG4bK-abcOPTIONS", message.TopViaBranch);
        Assert.Equal("cid-OPTIONS@127.0.0.1", message.CallId);
        Assert.Equal((1L, "OPTIONS"), message.CSeq);
        Assert.Equal("", message.Header("Supported"));
        Assert.Equal("v=0\r\ns=-\r\n", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public void A_captured_481_to_notify_is_a_final_response_with_its_reason()
    {
        var message = Parse(BaresipNotify481);

        Assert.Equal(481, message.StatusCode);
        Assert.Equal("Subscription Does Not Exist", message.ReasonPhrase);
        Assert.Equal((1L, "NOTIFY"), message.CSeq);
    }

    [Fact]
    public void Compact_names_folded_lines_and_several_vias_are_understood()
    {
        var message = Parse(
            "SIP/2.0 180 Ringing\n" +
            "v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKtop, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKsecond\n" +
            "Via: SIP/2.0/UDP 10.0.0.3;branch=z9hG4bKthird\n" +
            "i: abc@host\n" +
            "CSeq: 7\n" +
            " OPTIONS\n" +
            "l: 0\n" +
            "\n");

        Assert.Equal(180, message.StatusCode);
        Assert.Equal("z9hG4bKtop", message.TopViaBranch);
        Assert.Equal("abc@host", message.CallId);
        Assert.Equal((7L, "OPTIONS"), message.CSeq);
    }

    [Fact]
    public void Our_notify_parses_back_to_what_was_built()
    {
        var local = new SipEndpointIdentity("sophia", "127.0.0.1:40000", "Sophia");
        var ids = new SipRequestIds("z9hG4bKbranch1", "tag1", "call1@127.0.0.1", 42);
        var request = SipRequests.BuildCheckSync(SipUri.Parse("<sip:rlu-0x1@127.0.0.1:15070;ob>"), "sip:rlu@15rp.sewan.eu", local, ids, reboot: true);

        Assert.True(SipMessageParser.TryParse(request.ToBytes(), out var parsed, out var error), error);

        Assert.Equal("NOTIFY", parsed.Method);
        Assert.Equal("sip:rlu-0x1@127.0.0.1:15070;ob", parsed.RequestUri);
        Assert.Equal("z9hG4bKbranch1", parsed.TopViaBranch);
        Assert.Equal((42L, "NOTIFY"), parsed.CSeq);
        Assert.Equal("check-sync;reboot=true", parsed.Header("Event"));
        Assert.Equal("terminated", parsed.Header("Subscription-State"));
        Assert.Equal("<sip:rlu@15rp.sewan.eu>", parsed.Header("To"));
        Assert.Equal("<sip:sophia@127.0.0.1:40000>;tag=tag1", parsed.Header("From"));
        Assert.Equal("SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKbranch1;rport", parsed.TopVia);
        Assert.Equal("0", parsed.Header("Content-Length"));
    }

    [Fact]
    public void Options_is_laid_out_as_rfc_3261_asks_with_crlf_and_a_blank_line()
    {
        var local = new SipEndpointIdentity("sophia", "[::1]:40000", "Sophia");
        var ids = new SipRequestIds("z9hG4bKb", "t", "c@h", 1);
        var text = Encoding.UTF8.GetString(SipRequests.BuildOptions(SipUri.Parse("sip:rlu@[::1]:5070"), "sip:rlu@[::1]:5070", local, ids).ToBytes());

        Assert.Equal(
            "OPTIONS sip:rlu@[::1]:5070 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP [::1]:40000;branch=z9hG4bKb;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:sophia@[::1]:40000>;tag=t\r\n" +
            "To: <sip:rlu@[::1]:5070>\r\n" +
            "Call-ID: c@h\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Contact: <sip:sophia@[::1]:40000>\r\n" +
            "User-Agent: Sophia\r\n" +
            "Accept: application/sdp\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n",
            text);
    }

    [Fact]
    public void Fresh_ids_carry_the_magic_cookie_and_differ_each_time()
    {
        var a = SipRequestIds.New("127.0.0.1");
        var b = SipRequestIds.New("127.0.0.1");

        Assert.StartsWith("z9hG4bK", a.Branch, StringComparison.Ordinal);
        Assert.EndsWith("@127.0.0.1", a.CallId, StringComparison.Ordinal);
        Assert.NotEqual(a.Branch, b.Branch);
        Assert.NotEqual(a.CallId, b.CallId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("SIP/2.0 200 OK\r\nVia: x\r\n")]
    [InlineData("SIP/2.0 20 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n")]
    [InlineData("SIP/2.0 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nshort")]
    public void Garbage_and_truncated_datagrams_are_refused_with_a_reason(string text)
    {
        Assert.False(SipMessageParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error));
        Assert.NotEmpty(error);
    }

    private static SipMessage Parse(string text)
    {
        Assert.True(SipMessageParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error), error);
        return message;
    }
}
