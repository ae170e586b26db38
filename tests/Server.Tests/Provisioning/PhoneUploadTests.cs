using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.FetchLog;
using Sophia.Provisioning.Uploads;
using Sophia.Server.Tests.Console;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Provisioning;

/// <summary>What phones send back with PUT on /prov: stored on the phone's credentials, shown to the helpdesk.</summary>
public sealed class PhoneUploadTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    private const string Vvx450Agent = "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application";
    private const string LuPhone = "/prov/0004f2a1b2c3";
    private const string T46sAgent = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";
    private const string SeldonPhone = "/prov/001565988c06";

    private DigestClient Phone(string user = "15rp", string password = "prov-demo", string agent = Vvx450Agent) =>
        new(factory.CreateClient(), user, password, agent);

    private static byte[] Overrides(string attributes) =>
        Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PHONE_CONFIG><OVERRIDES {attributes} /></PHONE_CONFIG>\n");

    [Fact]
    public async Task A_Polycom_uploads_its_settings_and_log_and_the_helpdesk_reads_them()
    {
        var phone = Phone();
        var settings = await phone.PutAsync(LuPhone + "-phone.cfg",
            Overrides("reg.1.server.1.address=\"sip.elsewhere.example\" up.backlight.idleIntensity=\"1\""));
        var log = await phone.PutAsync(LuPhone + "-app.log", Encoding.UTF8.GetBytes("0101000000|sip  |1|00|Registration failed\n"));
        Assert.Equal(HttpStatusCode.NoContent, settings.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, log.StatusCode);

        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var uploads = await helpdesk.GetJson("/api/v1/equipment/0004f2a1b2c3/uploads");
        var file = Assert.Single(uploads.GetProperty("settings").EnumerateArray(), f => f.Str("file") == "0004f2a1b2c3-phone.cfg");
        var shadowing = file.GetProperty("shadowing").EnumerateArray().Select(s => s.Str("key")).ToList();
        var others = file.GetProperty("others").EnumerateArray().Select(s => s.Str("key")).ToList();
        Assert.Equal(["reg.1.server.1.address"], shadowing);
        Assert.Equal(["up.backlight.idleIntensity"], others);
        var appLog = Assert.Single(uploads.GetProperty("logs").EnumerateArray(), l => l.Str("file") == "0004f2a1b2c3-app.log");
        Assert.Contains("Registration failed", appLog.Str("text"), StringComparison.Ordinal);

        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();
        var fetches = (await helpdesk.GetJson("/api/v1/equipment/0004f2a1b2c3/fetches")).Items();
        Assert.Contains(fetches, f => f.Str("file") == "0004f2a1b2c3-app.log" && f.Int("status") == 204);

        var console = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk);
        var page = WebUtility.HtmlDecode(await console.Http.GetStringAsync("/devices/0004f2a1b2c3"));
        Assert.Contains("data-key=\"reg.1.server.1.address\"", page, StringComparison.Ordinal);
        Assert.Contains("Registration failed", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_credentials_is_401_and_not_stored()
    {
        var response = await Phone().Send(LuPhone + "-boot.log", null, put: Encoding.UTF8.GetBytes("no credentials\n"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var wrong = await Phone(password: "wrong-pass").PutAsync(LuPhone + "-boot.log", Encoding.UTF8.GetBytes("wrong credentials\n"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var uploads = await helpdesk.GetJson("/api/v1/equipment/0004f2a1b2c3/uploads");
        Assert.DoesNotContain(uploads.GetProperty("logs").EnumerateArray(), l => l.Str("file") == "0004f2a1b2c3-boot.log");
    }

    [Fact]
    public async Task An_upload_over_the_bound_is_413_at_once()
    {
        var response = await Phone().Send(LuPhone + "-app.log", null, put: new byte[(1024 * 1024) + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var authenticated = await Phone().PutAsync("/prov/0004f2a1b2c4-app.log", new byte[(1024 * 1024) + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, authenticated.StatusCode);
    }

    [Fact]
    public async Task Another_file_name_is_refused()
    {
        var response = await Phone().PutAsync(LuPhone + ".cfg", Overrides("a=\"1\""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var sophia = await Phone().PutAsync(LuPhone + "-sophia.cfg", Overrides("a=\"1\""));
        Assert.Equal(HttpStatusCode.NotFound, sophia.StatusCode);
    }

    [Fact]
    public async Task An_unknown_MAC_gets_the_answer_of_a_known_MAC_without_credentials()
    {
        var body = Encoding.UTF8.GetBytes("log\n");
        var known = await Phone("x", "y").Send(LuPhone + "-app.log", null, put: body);
        var unknown = await Phone("x", "y", "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application").Send("/prov/0004f2999999-app.log", null, put: body);
        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(Names(known), Names(unknown));
        Assert.Equal(Without(known.Headers.WwwAuthenticate.ToString()), Without(unknown.Headers.WwwAuthenticate.ToString()));
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());

        // With credentials, an unknown MAC is the 404 of any file of a MAC in no stock: nothing stored.
        var stored = await Phone().PutAsync("/prov/0004f2999999-app.log", body);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task Another_clients_admin_cannot_read_a_phones_uploads()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Phone().PutAsync(LuPhone + "-web.cfg", Overrides("up.screenSaver.enabled=\"1\""))).StatusCode);
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var other = await OtherClient.CreateAsync(helpdesk, "Voisine");
        var otherAdmin = await factory.ClientFor(other.AdminLogin, other.AdminPassword);
        using var refused = await otherAdmin.GetAsync("/api/v1/equipment/0004f2a1b2c3/uploads");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("screenSaver", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var own = await admin.GetJson("/api/v1/equipment/0004f2a1b2c3/uploads");
        Assert.Contains(own.GetProperty("settings").EnumerateArray(), s => s.Str("file") == "0004f2a1b2c3-web.cfg");
    }

    [Fact]
    public async Task A_phones_uploads_go_with_its_equipment_and_only_the_latest_versions_are_kept()
    {
        var phone = Phone(agent: "FileTransport PolycomVVX-VVX_250-UA/6.4.3.5018 Type/Application");
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsync("/prov/0004f2a1b2c4-boot.log", Encoding.UTF8.GetBytes($"boot {i}\n"))).StatusCode);
        }
        Assert.Equal(5, await UploadsOf("0004f2a1b2c4"));
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var latest = Assert.Single((await admin.GetJson("/api/v1/equipment/0004f2a1b2c4/uploads")).GetProperty("logs").EnumerateArray());
        Assert.Equal("boot 6\n", latest.Str("text"));

        using var deleted = await admin.DeleteAsync("/api/v1/equipment/0004f2a1b2c4");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await UploadsOf("0004f2a1b2c4"));
    }

    [Fact]
    public async Task The_retention_job_forgets_uploads_older_than_the_retention()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var seldonPhone = await db.Equipment.Where(e => e.UserId != null).Select(e => e.Id).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        db.PhoneUploads.AddRange(
            new PhoneUpload { EquipmentId = seldonPhone, Kind = PhoneUploadKind.SysLog, File = "old-sys.log", At = now.AddDays(-31), Content = [1] },
            new PhoneUpload { EquipmentId = seldonPhone, Kind = PhoneUploadKind.SysLog, File = "recent-sys.log", At = now.AddDays(-29), Content = [1] });
        await db.SaveChangesAsync();

        await scope.ServiceProvider.GetRequiredService<PhoneUploadRetentionJob>().RunAsync(CancellationToken.None);

        var left = await db.PhoneUploads.Where(u => u.File.EndsWith("-sys.log")).Select(u => u.File).ToListAsync();
        Assert.Equal(["recent-sys.log"], left);
    }

    [Fact]
    public async Task A_Polycom_gets_back_the_latest_settings_it_uploaded()
    {
        var phone = Phone();
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsync(LuPhone + "-phone.cfg", Overrides("up.backlight.idleIntensity=\"1\""))).StatusCode);
        var latest = Overrides("up.backlight.idleIntensity=\"2\" up.screenSaver.enabled=\"1\"");
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsync(LuPhone + "-phone.cfg", latest)).StatusCode);

        var served = await phone.GetAsync(LuPhone + "-phone.cfg");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(latest, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/xml", served.Content.Headers.ContentType?.MediaType);
        var etag = served.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NotModified, (await phone.GetAsync(LuPhone + "-phone.cfg", etag)).StatusCode);

        await factory.Services.GetRequiredService<FetchLogWriter>().FlushAsync();
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var fetches = (await helpdesk.GetJson("/api/v1/equipment/0004f2a1b2c3/fetches")).Items();
        Assert.Contains(fetches, f => f.Str("file") == "0004f2a1b2c3-phone.cfg" && f.Int("status") == 200);
    }

    [Fact]
    public async Task A_Yealink_gets_back_its_local_settings_and_its_contacts_and_the_helpdesk_counts_them()
    {
        var phone = Phone(agent: T46sAgent);
        var local = Encoding.UTF8.GetBytes("features.dnd.enable = 1\nphone_setting.backlight_time = 0\n");
        var contacts = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root_contact>\n<contact display_name=\"Plombier\" office_number=\"0601020304\" />\n"
            + "<contact display_name=\"Garage\" office_number=\"0605060708\" />\n</root_contact>\n");
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsync(SeldonPhone + "-local.cfg", local)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsync(SeldonPhone + "-contact.xml", contacts)).StatusCode);

        // Fetched where the rendered common file tells the phone to fetch them.
        var common = await (await phone.GetAsync("/prov/y000000000066.cfg")).Content.ReadAsStringAsync();
        Assert.Contains("static.auto_provision.custom.protect = 1", common, StringComparison.Ordinal);
        Assert.Contains("static.auto_provision.custom.sync = 1", common, StringComparison.Ordinal);
        Assert.Contains("static.auto_provision.local_contact.backup.enable = 1", common, StringComparison.Ordinal);
        var syncPath = new Uri(KeyValue(common, "static.auto_provision.custom.sync.path")).AbsolutePath;
        var contactPath = new Uri(KeyValue(common, "static.auto_provision.local_contact.backup.path")).AbsolutePath;
        var servedLocal = await phone.GetAsync(syncPath + "001565988c06-local.cfg");
        var servedContacts = await phone.GetAsync(contactPath + "001565988c06-contact.xml");
        Assert.Equal(HttpStatusCode.OK, servedLocal.StatusCode);
        Assert.Equal(local, await servedLocal.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", servedLocal.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, servedContacts.StatusCode);
        Assert.Equal(contacts, await servedContacts.Content.ReadAsByteArrayAsync());

        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var uploads = await helpdesk.GetJson("/api/v1/equipment/001565988c06/uploads");
        var listed = Assert.Single(uploads.GetProperty("contacts").EnumerateArray());
        Assert.Equal(2, listed.Int("count"));
        Assert.DoesNotContain(uploads.GetProperty("logs").EnumerateArray(), l => l.Str("file") == "001565988c06-contact.xml");
        var console = await ConsoleForms.SignedInAsync(factory, SophiaFactory.Helpdesk);
        var page = WebUtility.HtmlDecode(await console.Http.GetStringAsync("/devices/001565988c06"));
        Assert.Contains("data-file=\"001565988c06-contact.xml\"", page, StringComparison.Ordinal);
        Assert.Contains("2 contacts", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_any_upload_the_file_is_404_to_its_phone_and_the_challenge_to_anyone_else()
    {
        var phone = Phone(agent: "FileTransport PolycomVVX-VVX_250-UA/6.4.3.5018 Type/Application");
        var authenticated = await phone.GetAsync("/prov/0004f2a1b2c4-web.cfg");
        Assert.Equal(HttpStatusCode.NotFound, authenticated.StatusCode);
        Assert.Empty(await authenticated.Content.ReadAsByteArrayAsync());
        var anonymous = await phone.Send("/prov/0004f2a1b2c4-web.cfg", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_served_back_file_asked_without_credentials_answers_as_for_an_unknown_MAC()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Phone().PutAsync(LuPhone + "-web.cfg", Overrides("up.screenSaver.enabled=\"1\""))).StatusCode);
        var known = await Phone().Send(LuPhone + "-web.cfg", null);
        var unknown = await Phone().Send("/prov/0004f2999999-web.cfg", null);
        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(Names(known), Names(unknown));
        Assert.Equal(Without(known.Headers.WwwAuthenticate.ToString()), Without(unknown.Headers.WwwAuthenticate.ToString()));
        Assert.DoesNotContain("screenSaver", await known.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A MAC in no stock, with credentials: the 404 of any file of such a MAC.
        Assert.Equal(HttpStatusCode.NotFound, (await Phone().GetAsync("/prov/0004f2999999-web.cfg")).StatusCode);
    }

    [Fact]
    public async Task The_other_vendors_name_is_refused_like_a_name_that_is_no_upload()
    {
        var yealink = Phone(agent: T46sAgent);
        var notAName = await yealink.PutAsync(SeldonPhone + "-user.cfg", Overrides("a=\"1\""));
        var polycomName = await yealink.PutAsync(SeldonPhone + "-phone.cfg", Overrides("a=\"1\""));
        Assert.Equal(HttpStatusCode.NotFound, notAName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, polycomName.StatusCode);
        Assert.Equal(Names(notAName), Names(polycomName));
        Assert.Equal(await notAName.Content.ReadAsStringAsync(), await polycomName.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await yealink.GetAsync(SeldonPhone + "-phone.cfg")).StatusCode);
        Assert.Equal(0, await UploadsOf("001565988c06-phone"));

        var polycom = Phone();
        Assert.Equal(HttpStatusCode.NotFound, (await polycom.PutAsync(LuPhone + "-local.cfg", Encoding.UTF8.GetBytes("a = 1\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await polycom.PutAsync(LuPhone + "-contact.xml", Encoding.UTF8.GetBytes("<root_contact/>"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await polycom.GetAsync(LuPhone + "-local.cfg")).StatusCode);
        Assert.Equal(0, await UploadsOf("0004f2a1b2c3-local"));

        // Without credentials the vendor is not told: the challenge every MAC, known or not, gets.
        var anonymous = await yealink.Send(SeldonPhone + "-phone.cfg", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_log_is_never_served_back()
    {
        var phone = Phone(agent: T46sAgent);
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PutAsync(SeldonPhone + "-boot.log", Encoding.UTF8.GetBytes("boot\n"))).StatusCode);
        var response = await phone.GetAsync(SeldonPhone + "-boot.log");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    private async Task<int> UploadsOf(string mac)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        return await db.PhoneUploads.CountAsync(u => u.File.StartsWith(mac));
    }

    private static string KeyValue(string yealinkFile, string key) =>
        yealinkFile.Split('\n').Select(l => l.Split(" = ", 2)).Single(p => p[0] == key)[1].Trim();

    private static string[] Names(HttpResponseMessage response) =>
        [.. response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).Where(h => h != "Date").Order(StringComparer.Ordinal)];

    private static string Without(string challenge) => System.Text.RegularExpressions.Regex.Replace(challenge, "nonce=\"[^\"]*\"", "nonce=\"\"");
}
