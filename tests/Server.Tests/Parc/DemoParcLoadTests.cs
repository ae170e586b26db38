using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Parc;

/// <summary>
/// <c>--demo</c> loads shared/reference/demo-parc.md exactly, read back through the API as its accounts see it.
/// These tests only read; the one that changes the parc brings its own databases.
/// </summary>
public sealed class DemoParcLoadTests(SophiaFactory factory) : IClassFixture<SophiaFactory>
{
    [Theory]
    [InlineData(SophiaFactory.Helpdesk, "Helpdesk")]
    [InlineData(SophiaFactory.Admin15Rp, "ClientAdmin")]
    [InlineData(SophiaFactory.Seldon, "User")]
    [InlineData(SophiaFactory.Lu, "User")]
    [InlineData("njoly@15rp.sewan.eu", "User")]
    public async Task Every_demo_account_logs_in_with_the_demo_password_and_its_role(string login, string role)
    {
        var http = factory.CreateClient();
        var token = await http.PostJson("/api/v1/auth/token", new { login, password = SophiaFactory.Password });
        Assert.Equal(role, token.Str("role"));
        Assert.True(token.Str("token").Length >= 40);
    }

    [Fact]
    public async Task The_operator_is_Smart_Telecom_with_one_client_15RP_and_its_registrar()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            Assert.Equal("Smart Telecom", (await db.Operators.SingleAsync()).Name);
            var music = await db.Music.SingleAsync();
            Assert.Equal(("Sonnerie 15RP", "La sonnerie par défaut de 15RP"), (music.Name, music.Description));
        }
        var helpdesk = await factory.ClientFor(SophiaFactory.Helpdesk);
        var clients = await helpdesk.GetJson("/api/v1/clients");
        var client = Assert.Single(clients.Items());
        Assert.Equal("15RP", client.Str("name"));
        Assert.Equal("15rp.sewan.eu", client.Str("sipDomain"));
        Assert.Equal("15rp", client.Str("provisioningUser"));
        Assert.Equal("sip.15rp.sewan.eu", client.Str("registrarHost"));
        Assert.Equal(5060, client.Int("registrarPort"));
        Assert.Equal("udp", client.Str("registrarTransport"));
        Assert.DoesNotContain("prov-demo", clients.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mandar_allows_TFTP_from_loopback_only_and_Wagram_from_nowhere()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var sites = (await admin.GetJson($"/api/v1/clients/{ids.ClientId}/sites")).Items().ToList();
        Assert.Equal(["Mandar", "Wagram"], sites.Select(s => s.Str("name")));
        Assert.All(sites, s => Assert.Equal("Europe/Paris", s.Str("timeZone")));
        var mandar = sites[0].GetProperty("tftpAllowedNetworks").EnumerateArray().Select(n => IPNetwork.Parse(n.GetString()!)).ToList();
        Assert.Equal(2, mandar.Count);
        Assert.Contains(mandar, n => n.Contains(IPAddress.Loopback) && n.PrefixLength == 8 && n.BaseAddress.Equals(IPAddress.Parse("127.0.0.0")));
        Assert.Contains(mandar, n => n.Contains(IPAddress.IPv6Loopback) && n.PrefixLength == 128);
        Assert.Empty(sites[1].GetProperty("tftpAllowedNetworks").EnumerateArray());
    }

    [Fact]
    public async Task Mandar_holds_the_eight_numbers_with_their_assignees_and_Wagram_none()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var numbers = (await admin.GetJson($"/api/v1/sites/{ids.Mandar}/numbers")).Items().ToDictionary(n => n.Str("e164"));
        Assert.Equal(Enumerable.Range(636, 8).Select(n => $"+33185737{n}"), numbers.Keys);
        Assert.Equal(ids.Seldon, numbers["+33185737636"].Int("userId"));
        Assert.Equal(ids.Picard, numbers["+33185737637"].Int("userId"));
        Assert.Equal(ids.Lu, numbers["+33185737638"].Int("userId"));
        Assert.Equal("ivr", numbers["+33185737639"].Str("assignee"));
        Assert.Equal("huntGroup", numbers["+33185737640"].Str("assignee"));
        foreach (var free in new[] { "+33185737641", "+33185737642", "+33185737643" })
        {
            Assert.Equal("none", numbers[free].Str("assignee"));
            Assert.Empty(numbers[free].GetProperty("shortNumbers").EnumerateArray());
        }
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.All(numbers.Values, n => Assert.Equal(
            new DateTime(2016, 5, 16, 16, 16, 0),
            TimeZoneInfo.ConvertTime(n.GetProperty("orderedAt").GetDateTimeOffset(), paris).DateTime));
        Assert.Equal("0185737636", numbers["+33185737636"].Str("national"));
        Assert.Equal(5, (await admin.GetJson($"/api/v1/sites/{ids.Mandar}/numbers?assigned=true")).Int("total"));
        Assert.Equal(3, (await admin.GetJson($"/api/v1/sites/{ids.Mandar}/numbers?assigned=false")).Int("total"));
        Assert.Equal(0, (await admin.GetJson($"/api/v1/sites/{ids.Wagram}/numbers")).Int("total"));

        var internalContacts = (await admin.GetJson($"/api/v1/clients/{ids.ClientId}/contacts/internal")).EnumerateArray().ToList();
        var group = Assert.Single(internalContacts, c => c.Str("kind") == "huntGroup");
        Assert.Equal(("Groupe d'appel Support", "grp_test@15rp.sewan.eu"), (group.Str("name"), group.Str("address")));
        Assert.Equal(["+33185737640"], group.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var ivr = await db.Ivrs.SingleAsync();
        Assert.Equal("Gestion du support", ivr.Name);
        Assert.Equal(numbers["+33185737639"].Int("ivrId"), ivr.Id);
        var members = (await db.HuntGroups.Include(g => g.Members).SingleAsync()).Members.OrderBy(m => m.Priority).Select(m => m.UserId);
        Assert.Equal([ids.Lu, ids.Seldon, ids.Picard], members);
    }

    [Theory]
    [InlineData("rlu@15rp.sewan.eu", "Lu", "Ricardo", "+33185737638", "438,4638", "fixedTelephony")]
    [InlineData("njoly@15rp.sewan.eu", "Picard", "Noémie", "+33185737637", "437,4637", "fixedTelephony")]
    [InlineData("cseldon@15rp.sewan.eu", "Seldon", "Cédric", "+33185737636", "436,4636", "fixedTelephony,mobile,conferenceBridge")]
    public async Task Each_Mandar_user_has_login_number_short_numbers_and_services(
        string login, string lastName, string firstName, string number, string shortNumbers, string services)
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var users = (await admin.GetJson($"/api/v1/sites/{ids.Mandar}/users")).Items().ToList();
        Assert.Equal(3, users.Count);
        var user = users.Single(u => u.Str("login") == login);
        Assert.Equal((lastName, firstName), (user.Str("lastName"), user.Str("firstName")));
        Assert.Equal("individual", user.Str("accountType"));
        Assert.Equal(ids.Mandar, user.Int("siteId"));
        var owned = Assert.Single(user.GetProperty("numbers").EnumerateArray());
        Assert.Equal(number, owned.Str("e164"));
        Assert.Equal(shortNumbers.Split(','), owned.GetProperty("shortNumbers").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(services.Split(',').Order(), user.GetProperty("services").EnumerateArray().Select(s => s.GetString()!).Order());
        Assert.Equal(0, (await admin.GetJson($"/api/v1/sites/{ids.Wagram}/users")).Int("total"));
    }

    [Fact]
    public async Task Cedric_has_his_three_function_keys()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var keys = (await admin.GetJson($"/api/v1/users/{ids.Seldon}/function-keys")).EnumerateArray().ToList();
        Assert.Equal(3, keys.Count);
        Assert.Equal((1, "supervision", ids.Picard, "Noémie Picard"), (keys[0].Int("index"), keys[0].Str("kind"), keys[0].Int("supervisedUserId"), keys[0].Str("label")));
        Assert.Equal("njoly@15rp.sewan.eu", keys[0].Str("supervisedLogin"));
        Assert.Equal((2, "supervision", ids.Lu, "Ricardo Lu"), (keys[1].Int("index"), keys[1].Str("kind"), keys[1].Int("supervisedUserId"), keys[1].Str("label")));
        Assert.Equal((3, "speedDial", "0654897845", "Chloe"), (keys[2].Int("index"), keys[2].Str("kind"), keys[2].Str("number"), keys[2].Str("label")));
        foreach (var other in new[] { ids.Lu, ids.Picard })
        {
            Assert.Empty((await admin.GetJson($"/api/v1/users/{other}/function-keys")).EnumerateArray());
        }
    }

    [Fact]
    public async Task The_five_phones_are_where_the_demo_puts_them()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var mandar = (await admin.GetJson($"/api/v1/sites/{ids.Mandar}/equipment")).Items().ToDictionary(e => e.Str("mac"));
        Assert.Equal([DemoIds.LuPhone, DemoIds.SeldonPhone, DemoIds.MandarT54W], mandar.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Yealink T46S", "assigned", SophiaFactory.Seldon), Where(mandar[DemoIds.SeldonPhone]));
        Assert.Equal(("Polycom VVX 450", "assigned", SophiaFactory.Lu), Where(mandar[DemoIds.LuPhone]));
        Assert.Equal(("Yealink T54W", "siteStock", null), Where(mandar[DemoIds.MandarT54W]));
        var wagram = Assert.Single((await admin.GetJson($"/api/v1/sites/{ids.Wagram}/equipment")).Items());
        Assert.Equal((DemoIds.WagramVvx250, "Polycom VVX 250", "siteStock"), (wagram.Str("mac"), wagram.Str("modelName"), wagram.Str("location")));
        var stock = Assert.Single((await admin.GetJson($"/api/v1/clients/{ids.ClientId}/equipment")).Items());
        Assert.Equal((DemoIds.ClientStockT46U, "Yealink T46U", "clientStock"), (stock.Str("mac"), stock.Str("modelName"), stock.Str("location")));
        Assert.Equal(JsonValueKind.Null, stock.GetProperty("siteId").ValueKind);

        static (string, string, string?) Where(JsonElement e) => (e.Str("modelName"), e.Str("location"), e.GetProperty("userLogin").GetString());
    }

    [Fact]
    public async Task Cedrics_T46S_has_the_demo_settings()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var settings = await admin.GetJson($"/api/v1/equipment/{DemoIds.SeldonPhone}/settings");
        Assert.True(settings.GetProperty("callWaiting").GetBoolean());
        Assert.True(settings.GetProperty("callWaitingTone").GetBoolean());
        Assert.Equal("DD/MM/YYYY", settings.Str("dateFormat"));
        Assert.Equal("hour24", settings.Str("timeFormat"));
        Assert.Equal(30, settings.Int("screenOffMinutes"));
        Assert.Equal("Ring3", settings.Str("ringtone"));
        Assert.Equal("2580", settings.Str("lockCode"));
    }

    [Fact]
    public async Task The_five_external_contacts_have_short_numbers_500_to_504()
    {
        var admin = await factory.ClientFor(SophiaFactory.Admin15Rp);
        var ids = await DemoIds.Read(admin);
        var contacts = (await admin.GetJson($"/api/v1/clients/{ids.ClientId}/contacts/external")).Items()
            .Select(c => $"{c.Str("lastName")}|{c.Str("firstName")}|{c.Str("phone")}|{c.Str("email")}|{c.Str("shortNumber")}");
        Assert.Equal(
        [
            "Bieth|Régis|0354698654|regis.bieth@soucht.fr|500",
            "Morian|Julien|0354697845|julien.morian@soucht.fr|501",
            "Muller|Elodie|0345568978|elodie.muller@bdfg.fr|502",
            "Paugam|Pierre|0312455689|pierre.paugam@slma.fr|503",
            "Sarter|Laura|0345781245|laura.sarter@sypferre.fr|504",
        ], contacts);
    }

    [Fact]
    public async Task Demo_on_a_database_that_holds_a_parc_changes_nothing()
    {
        var data = Directory.CreateTempSubdirectory("sophia-demo-twice-").FullName;
        try
        {
            int wagram;
            using (var first = new SophiaFactory())
            {
                first.Settings["Sophia:DataDirectory"] = data;
                var admin = await first.ClientFor(SophiaFactory.Admin15Rp);
                var ids = await DemoIds.Read(admin);
                wagram = ids.Wagram;
                await admin.PutJson($"/api/v1/sites/{wagram}", new { name = "Wagram (fermé)" });
                var contact = (await admin.GetJson($"/api/v1/clients/{ids.ClientId}/contacts/external")).Items().First();
                var deleted = await admin.DeleteAsync($"/api/v1/clients/{ids.ClientId}/contacts/external/{contact.Int("id")}");
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            }
            using var second = new SophiaFactory();
            second.Settings["Sophia:DataDirectory"] = data;
            var again = await second.ClientFor(SophiaFactory.Admin15Rp);
            var clients = await again.GetJson("/api/v1/clients");
            var client = Assert.Single(clients.Items());
            Assert.Equal("Wagram (fermé)", (await again.GetJson($"/api/v1/sites/{wagram}")).Str("name"));
            Assert.Equal(4, (await again.GetJson($"/api/v1/clients/{client.Int("id")}/contacts/external")).Int("total"));
            await using var scope = second.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            Assert.Equal(3, await db.Users.CountAsync());
            Assert.Equal(5, await db.Equipment.CountAsync());
            Assert.Equal(2, await db.StaffAccounts.CountAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_on_a_database_with_another_parc_loads_nothing()
    {
        var data = Directory.CreateTempSubdirectory("sophia-demo-other-").FullName;
        try
        {
            using (var plain = new SophiaFactory())
            {
                plain.Settings["Sophia:Demo"] = "false";
                plain.Settings["Sophia:DataDirectory"] = data;
                await plain.CreateClient().GetJson("/health");
                await using var scope = plain.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
                Assert.False(await db.Clients.AnyAsync());
                db.Clients.Add(new Client
                {
                    OperatorId = 1,
                    Name = "Acme",
                    SipDomain = "acme.example.net",
                    ProvisioningUser = "acme",
                    ProvisioningPassword = "acme-prov-pass",
                    RegistrarHost = "sip.acme.example.net",
                });
                await db.SaveChangesAsync();
            }
            using var demo = new SophiaFactory();
            demo.Settings["Sophia:DataDirectory"] = data;
            var http = demo.CreateClient();
            await http.GetJson("/health");
            var login = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = SophiaFactory.Helpdesk, password = SophiaFactory.Password });
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
            await using var check = demo.Services.CreateAsyncScope();
            var after = check.ServiceProvider.GetRequiredService<SophiaDb>();
            Assert.Equal(["Acme"], await after.Clients.Select(c => c.Name).ToListAsync());
            Assert.False(await after.Users.AnyAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
