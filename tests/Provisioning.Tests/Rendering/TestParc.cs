using Microsoft.Data.Sqlite;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Contacts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Stock;
using Sophia.Model.Telephony;
using Sophia.Parc.Numbers;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>
/// A real SQLite database in memory holding the demo parc of shared/reference/demo-parc.md, with fixed SIP passwords
/// so rendered files can be compared with golden files; and builders to add more.
/// </summary>
public sealed class TestParc : IAsyncDisposable
{
    public static readonly MacAddress SeldonT46S = MacAddress.Parse("00:15:65:98:8C:06");
    public static readonly MacAddress LuVvx450 = MacAddress.Parse("00:04:F2:A1:B2:C3");
    public static readonly MacAddress MandarStockT54W = MacAddress.Parse("00:15:65:AA:00:01");
    public static readonly MacAddress WagramStockVvx250 = MacAddress.Parse("00:04:F2:A1:B2:C4");
    public static readonly MacAddress ClientStockT46U = MacAddress.Parse("00:15:65:AA:00:02");

    public static readonly DeviceSettings SeldonSettings = new()
    {
        CallWaiting = true,
        CallWaitingTone = true,
        DateFormat = "DD/MM/YYYY",
        TimeFormat = TimeFormat.Hour24,
        ScreenOffMinutes = 30,
        Ringtone = "Ring3",
        LockCode = "2580",
    };

    private readonly SqliteConnection connection = new("Data Source=:memory:");

    private TestParc()
    {
    }

    public SophiaDb Db { get; private set; } = null!;
    public Client Client { get; private set; } = null!;
    public Site Mandar { get; private set; } = null!;
    public Site Wagram { get; private set; } = null!;
    public User Seldon { get; private set; } = null!;
    public User Picard { get; private set; } = null!;
    public User Lu { get; private set; } = null!;

    public static async Task<TestParc> CreateDemoAsync()
    {
        var parc = new TestParc();
        await parc.connection.OpenAsync();
        parc.Db = parc.NewContext();
        await parc.Db.Database.EnsureCreatedAsync();
        await parc.LoadDemoAsync();
        return parc;
    }

    public SophiaDb NewContext() =>
        SophiaDbOptions.Sqlite(connection, TimeProvider.System);

    private async Task LoadDemoAsync()
    {
        var db = Db;
        Client = new Client
        {
            OperatorId = 1,
            Name = "15RP",
            SipDomain = "15rp.sewan.eu",
            ProvisioningUser = "15rp",
            ProvisioningPassword = "prov-demo",
            RegistrarHost = "sip.15rp.sewan.eu",
            RegistrarPort = 5060,
            RegistrarTransport = SipTransport.Udp,
        };
        db.Clients.Add(Client);
        await db.SaveChangesAsync();
        Mandar = new Site { ClientId = Client.Id, Name = "Mandar", TimeZone = "Europe/Paris" };
        Wagram = new Site { ClientId = Client.Id, Name = "Wagram", TimeZone = "Europe/Paris" };
        db.Sites.AddRange(Mandar, Wagram);
        await db.SaveChangesAsync();

        var numbers = Enumerable.Range(636, 8)
            .Select(n => new Number { ClientId = Client.Id, SiteId = Mandar.Id, E164 = $"+33185737{n}" })
            .ToDictionary(n => n.E164);
        db.Numbers.AddRange(numbers.Values);
        Lu = NewUser("Lu", "Ricardo", "rlu", "sip-secret-rlu");
        Picard = NewUser("Picard", "Noémie", "njoly", "sip-secret-njoly");
        Seldon = NewUser("Seldon", "Cédric", "cseldon", "sip-secret-cseldon");
        db.Users.AddRange(Lu, Picard, Seldon);
        var group = new HuntGroup { ClientId = Client.Id, SiteId = Mandar.Id, Name = "Groupe d'appel Support", Address = "grp_test@15rp.sewan.eu" };
        db.HuntGroups.Add(group);
        await db.SaveChangesAsync();

        await NumberAssignments.AssignToUserAsync(db, numbers["+33185737636"], Seldon);
        await NumberAssignments.AssignToUserAsync(db, numbers["+33185737637"], Picard);
        await NumberAssignments.AssignToUserAsync(db, numbers["+33185737638"], Lu);
        numbers["+33185737640"].HuntGroupId = group.Id;
        Seldon.FunctionKeys.AddRange([
            new FunctionKey { Index = 1, Kind = FunctionKeyKind.Supervision, SupervisedUserId = Picard.Id, Label = "Noémie Picard" },
            new FunctionKey { Index = 2, Kind = FunctionKeyKind.Supervision, SupervisedUserId = Lu.Id, Label = "Ricardo Lu" },
            new FunctionKey { Index = 3, Kind = FunctionKeyKind.SpeedDial, Number = "0654897845", Label = "Chloe" },
        ]);
        await db.SaveChangesAsync();

        await AddEquipmentAsync(SeldonT46S, "yealink-t46s", Mandar, Seldon, SeldonSettings);
        await AddEquipmentAsync(LuVvx450, "polycom-vvx450", Mandar, Lu);
        await AddEquipmentAsync(MandarStockT54W, "yealink-t54w", Mandar, null);
        await AddEquipmentAsync(WagramStockVvx250, "polycom-vvx250", Wagram, null);
        await AddEquipmentAsync(ClientStockT46U, "yealink-t46u", null, null);

        string[][] contacts =
        [
            ["Bieth", "Régis", "0354698654", "regis.bieth@soucht.fr"],
            ["Morian", "Julien", "0354697845", "julien.morian@soucht.fr"],
            ["Muller", "Elodie", "0345568978", "elodie.muller@bdfg.fr"],
            ["Paugam", "Pierre", "0312455689", "pierre.paugam@slma.fr"],
            ["Sarter", "Laura", "0345781245", "laura.sarter@sypferre.fr"],
        ];
        var shortNumber = 500;
        foreach (var c in contacts)
        {
            var contact = new ExternalContact { ClientId = Client.Id, LastName = c[0], FirstName = c[1], Phone = c[2], Email = c[3] };
            db.ExternalContacts.Add(contact);
            db.ShortNumbers.Add(new ShortNumber { ClientId = Client.Id, Digits = (shortNumber++).ToString(System.Globalization.CultureInfo.InvariantCulture), ExternalContact = contact });
        }
        await db.SaveChangesAsync();
    }

    private User NewUser(string last, string first, string sipUser, string sipPassword) => new()
    {
        ClientId = Client.Id,
        SiteId = Mandar.Id,
        LastName = last,
        FirstName = first,
        Login = $"{sipUser}@{Client.SipDomain}",
        SipUsername = sipUser,
        SipPassword = sipPassword,
        Language = "fr",
    };

    /// <summary>A user of Mandar with a SIP line, and function keys made by <paramref name="keys"/>.</summary>
    public async Task<User> AddUserAsync(string last, string first, string sipUser, params FunctionKey[] keys)
    {
        var user = NewUser(last, first, sipUser, $"sip-secret-{sipUser}");
        user.FunctionKeys.AddRange(keys);
        Db.Users.Add(user);
        await Db.SaveChangesAsync();
        return user;
    }

    public async Task<Equipment> AddEquipmentAsync(MacAddress mac, string modelId, Site? site, User? user, DeviceSettings? settings = null)
    {
        var equipment = new Equipment
        {
            Mac = mac,
            ModelId = DeviceCatalog.Get(modelId).Id,
            ClientId = Client.Id,
            SiteId = site?.Id,
            UserId = user?.Id,
            Settings = settings ?? new DeviceSettings(),
        };
        Db.Equipment.Add(equipment);
        await Db.SaveChangesAsync();
        return equipment;
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await connection.DisposeAsync();
    }
}
