using System.Text;
using Sophia.Registration.Kamailio;
using Sophia.Registration.Registrar;

namespace Sophia.Registration.Tests.Kamailio;

public sealed class KamailioDumpReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_dump_keyed_by_user_at_domain_gives_every_live_binding_with_its_fields()
    {
        var contacts = await ReadAsync(Capture("ul-dump-use-domain-1.json"));

        Assert.Equal(4, contacts.Count);
        var rlu = Assert.Single(contacts, c => c.User == "rlu");
        Assert.Equal("rlu@15rp.sewan.eu", rlu.Aor);
        Assert.Equal("15rp.sewan.eu", rlu.Domain);
        Assert.Equal(new SipAor("rlu", "15rp.sewan.eu"), rlu.Key);
        Assert.StartsWith("sip:rlu-0x", rlu.ContactUri, StringComparison.Ordinal);
        Assert.Equal("baresip v1.0.0 (x86_64/linux)", rlu.UserAgent);
        Assert.Equal(Now.AddSeconds(59), rlu.Expires);
        Assert.Null(rlu.Received);
        Assert.Null(rlu.Instance);
        Assert.Null(rlu.Q);
        Assert.Equal("udp:127.0.0.1:15060", rlu.Socket);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795811078), rlu.LastModified);

        var njoly = Assert.Single(contacts, c => c.User == "njoly");
        Assert.Null(njoly.Expires);
        Assert.Equal(0.5, njoly.Q);
        Assert.Null(njoly.LastModified);

        Assert.Equal(["sip:cseldon@192.0.2.21:5060", "sip:cseldon@192.0.2.22:5060;ob"],
            contacts.Where(c => c.User == "cseldon").Select(c => c.ContactUri).Order());
    }

    [Fact]
    public async Task A_dump_keyed_by_user_gives_aors_without_domain()
    {
        var contacts = await ReadAsync(Capture("ul-dump-use-domain-0.json"));

        Assert.Equal(4, contacts.Count);
        Assert.All(contacts, c => Assert.Null(c.Domain));
        Assert.Equal(["cseldon", "njoly", "rlu"], contacts.Select(c => c.Aor).Distinct().Order());
        Assert.Equal(new SipAor("rlu", null), contacts.First(c => c.User == "rlu").Key);
    }

    [Fact]
    public async Task Reading_one_byte_at_a_time_gives_the_same_bindings_as_reading_at_once()
    {
        var json = Capture("ul-dump-use-domain-1.json");

        var whole = await ReadAsync(json);
        var trickled = await ReadAsync(json, new TrickleStream(json, 1));

        Assert.Equal(whole, trickled);
    }

    [Fact]
    public async Task An_aor_larger_than_the_read_buffer_is_still_read_whole()
    {
        var contacts = Enumerable.Range(0, 400).Select(i =>
            $$$"""{"Contact":{"Address":"sip:big{{{i}}}@192.0.2.1:{{{5000 + i}}}","Expires":60,"User-Agent":"{{{new string('x', 200)}}}"}}""");
        var json = $$$"""{"jsonrpc":"2.0","result":{"Domains":[{"Domain":{"Domain":"location","Size":1024,"AoRs":[{"Info":{"AoR":"big@d","Contacts":[{{{string.Join(",", contacts)}}}]}}]}}]},"id":1}""";

        var read = await ReadAsync(json, new TrickleStream(json, 4096));

        Assert.Equal(400, read.Count);
        Assert.Equal("sip:big399@192.0.2.1:5399", read[^1].ContactUri);
    }

    [Theory]
    [InlineData("\"expired\"")]
    [InlineData("\"deleted\"")]
    [InlineData("0")]
    public async Task Bindings_usrloc_no_longer_routes_to_are_left_out(string expires)
    {
        var json = Capture("ul-dump-use-domain-1.json").Replace("\"Expires\":\t59", "\"Expires\":\t" + expires, StringComparison.Ordinal);

        var contacts = await ReadAsync(json);

        Assert.DoesNotContain(contacts, c => c.User == "rlu");
        Assert.Equal(3, contacts.Count);
    }

    [Fact]
    public async Task Only_the_configured_table_is_read()
    {
        var json = """
            {"jsonrpc":"2.0","result":{"Domains":[
              {"Domain":{"Domain":"other","Size":16,"AoRs":[{"Info":{"AoR":"x@d","Contacts":[{"Contact":{"Address":"sip:x@192.0.2.1","Expires":60}}]}}]}},
              {"Domain":{"Domain":"location","Size":16,"AoRs":[{"Info":{"AoR":"y@d","Contacts":[{"Contact":{"Address":"sip:y@192.0.2.2","Expires":60}}]}}]}}]},"id":1}
            """;

        var contacts = await ReadAsync(json);

        Assert.Equal("y@d", Assert.Single(contacts).Aor);
    }

    [Fact]
    public async Task An_empty_location_table_gives_no_binding()
    {
        var json = """{"jsonrpc":"2.0","result":{"Domains":[{"Domain":{"Domain":"location","Size":1024,"AoRs":[],"Stats":{"Records":0,"Max-Slots":0}}}]},"id":1}""";

        Assert.Empty(await ReadAsync(json));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","error":{"code":500,"message":"Method Not Found"},"id":1}""", "Method Not Found")]
    [InlineData("""{"jsonrpc":"2.0","result":{"Domains":[{"Domain":{"Domain":"location","AoRs":[{"Info":{"AoR":"a@b","Contacts":[""", "ended")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", "no result")]
    [InlineData("""<html>busy</html>""", "not the JSON")]
    public async Task A_fault_or_a_broken_answer_makes_the_registrar_unavailable(string json, string why)
    {
        var error = await Assert.ThrowsAsync<RegistrarUnavailableException>(() => ReadAsync(json));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lookup_answer_gives_the_aor_bindings()
    {
        var answer = KamailioDumpReader.ReadLookup(Encoding.UTF8.GetBytes(Capture("ul-lookup-use-domain-1.json")), Now);

        Assert.Null(answer.Error);
        Assert.Equal(2, answer.Contacts.Count);
        Assert.All(answer.Contacts, c => Assert.Equal("cseldon@15rp.sewan.eu", c.Aor));
    }

    [Theory]
    [InlineData("AOR not found in location table", true)]
    [InlineData("AOR has no contacts", true)]
    [InlineData("Domain missing in AOR", false)]
    [InlineData("Domain not found", false)]
    public void Lookup_faults_that_mean_no_binding_are_told_from_real_failures(string message, bool notRegistered)
    {
        var json = $$"""{"jsonrpc":"2.0","error":{"code":500,"message":"{{message}}"},"id":7}""";

        var answer = KamailioDumpReader.ReadLookup(Encoding.UTF8.GetBytes(json), Now);

        Assert.Equal(new KamailioRpcError(500, message), answer.Error);
        Assert.Equal(notRegistered, answer.Error!.MeansNotRegistered);
    }

    private static string Capture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Kamailio", "Captures", name));

    private static async Task<List<RegistrarContact>> ReadAsync(string json, Stream? stream = null)
    {
        await using var input = stream ?? new MemoryStream(Encoding.UTF8.GetBytes(json));
        var contacts = new List<RegistrarContact>();
        await foreach (var contact in KamailioDumpReader.ReadAsync(input, "location", Now))
        {
            contacts.Add(contact);
        }
        return contacts;
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a slow network would.</summary>
    private sealed class TrickleStream(string text, int chunk) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
