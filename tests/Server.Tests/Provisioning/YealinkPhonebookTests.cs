using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Provisioning;

/// <summary>
/// The remote phonebook as a Yealink loads it: the URL and credentials come from its rendered <c>&lt;mac&gt;.cfg</c>
/// and nothing else, and the phonebook is fetched with them as the phone does (GET, digest challenge, GET again).
/// </summary>
public sealed partial class YealinkPhonebookTests
{
    private const string T46sAgent = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";
    private const string T54wAgent = "Yealink SIP-T54W 96.86.0.15 00:15:65:aa:00:01";

    [Fact]
    public async Task The_phonebook_loads_with_exactly_the_url_and_credentials_the_config_gives()
    {
        using var factory = new SophiaFactory();
        var config = await Config(factory, "/prov/001565988c06.cfg", T46sAgent);
        var (url, user, password) = PhonebookOf(config);

        var phonebook = await new DigestClient(factory.CreateClient(), user, password, T46sAgent).GetAsync(url.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, phonebook.StatusCode);
        var directory = XDocument.Parse(await phonebook.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("YealinkIPPhoneDirectory", directory.Name.LocalName);
        Assert.Contains(directory.Elements("DirectoryEntry"), e => e.Element("Name")?.Value == "Régis Bieth");
        Assert.DoesNotContain("prov-demo", config, StringComparison.Ordinal);
        Assert.NotEqual("15rp", user);
    }

    [Fact]
    public async Task The_phonebook_credentials_open_that_phones_phonebook_and_nothing_else()
    {
        using var factory = new SophiaFactory();
        var helpdesk = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(helpdesk);
        await helpdesk.PostJson($"/api/v1/equipment/{DemoIds.MandarT54W}/assign", new { userId = ids.Picard });
        var (_, user, password) = PhonebookOf(await Config(factory, "/prov/001565988c06.cfg", T46sAgent));
        var (otherUrl, otherUser, otherPassword) = PhonebookOf(await Config(factory, "/prov/001565aa0001.cfg", T54wAgent));
        Assert.NotEqual(password, otherPassword);

        // A User-Agent without a MAC, so that no file is refused for naming another MAC than the agent's.
        var stolen = new DigestClient(factory.CreateClient(), user, password, "Yealink SIP-T46S 66.86.0.15");
        foreach (var path in new[] { "/prov/001565988c06.cfg", "/prov/y000000000066.cfg", "/prov/0004f2a1b2c3.cfg", "/prov/0004f2a1b2c3-directory.xml" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync(path)).StatusCode);
        }
        var asTheT54w = new DigestClient(factory.CreateClient(), user, password, T54wAgent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asTheT54w.GetAsync(otherUrl.PathAndQuery)).StatusCode);
        // Another phone's user with this phone's password, and the right pair, for contrast.
        Assert.Equal(HttpStatusCode.Unauthorized, (await new DigestClient(factory.CreateClient(), otherUser, password, T54wAgent).GetAsync(otherUrl.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new DigestClient(factory.CreateClient(), otherUser, otherPassword, T54wAgent).GetAsync(otherUrl.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Giving_the_phone_to_someone_else_retires_its_phonebook_credentials()
    {
        using var factory = new SophiaFactory();
        var (url, user, password) = PhonebookOf(await Config(factory, "/prov/001565988c06.cfg", T46sAgent));
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);

        await admin.PostJson("/api/v1/equipment/001565988c06/assign", new { userId = ids.Picard });

        var old = await new DigestClient(factory.CreateClient(), user, password, T46sAgent).GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        var (_, newUser, newPassword) = PhonebookOf(await Config(factory, "/prov/001565988c06.cfg", T46sAgent));
        Assert.Equal(HttpStatusCode.OK, (await new DigestClient(factory.CreateClient(), newUser, newPassword, T46sAgent).GetAsync(url.PathAndQuery)).StatusCode);
    }

    private static async Task<string> Config(SophiaFactory factory, string path, string agent)
    {
        var response = await new DigestClient(factory.CreateClient(), "15rp", "prov-demo", agent).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static (Uri Url, string User, string Password) PhonebookOf(string config)
    {
        var values = Setting().Matches(config).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim(), StringComparer.Ordinal);
        return (new Uri(values["remote_phonebook.data.1.url"]), values["remote_phonebook.data.1.username"], values["remote_phonebook.data.1.password"]);
    }

    [GeneratedRegex(@"^(remote_phonebook\.data\.1\.\w+) = (.*)$", RegexOptions.Multiline)]
    private static partial Regex Setting();
}
