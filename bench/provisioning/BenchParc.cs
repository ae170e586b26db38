using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Stock;
using Sophia.Parc.Numbers;

namespace Sophia.Bench.Provisioning;

/// <summary>
/// The generated parc: clients of one site and 100 users each, every user with a number, its two short numbers,
/// three BLF keys on colleagues and a speed dial, and one assigned phone, models taken in turn from the catalog.
/// Deterministic: the same arguments give the same rows, MACs and passwords. Keys are given explicitly so that
/// a client and everything under it go in one SaveChanges.
/// </summary>
public static class BenchParc
{
    public const int UsersPerClient = 100;
    private const int SupervisedColleagues = 3;

    private static readonly DeviceModel[] Models = [.. DeviceCatalog.All.OrderBy(m => m.Id, StringComparer.Ordinal)];
    private static readonly string[] LastNames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Dupont"];
    private static readonly string[] FirstNames = ["Camille", "Léa", "Hugo", "Chloé", "Louis", "Inès", "Jules", "Manon", "Noémie", "Gabriel", "Zoé", "Arthur", "Cédric"];

    private const string PostgresPrefix = "postgres:";

    /// <summary>
    /// The database of a bench run: a data directory (the embedded SQLite), or <c>postgres:</c> followed by a
    /// PostgreSQL connection string. Secrets are written in clear, which Sophia reads as it reads any value saved
    /// before secrets were encrypted.
    /// </summary>
    public static SophiaDb Open(string database) => database.StartsWith(PostgresPrefix, StringComparison.Ordinal)
        ? new PostgresSophiaDb((DbContextOptions<PostgresSophiaDb>)new DbContextOptionsBuilder<PostgresSophiaDb>()
            .UseSophiaPostgres(database[PostgresPrefix.Length..], TimeProvider.System).Options)
        : SophiaDbOptions.Sqlite(DataServiceCollectionExtensions.SqliteConnectionString(new DatabaseOptions { DataDirectory = database }), TimeProvider.System);

    /// <summary>Migrates a fresh <paramref name="database"/> (see <see cref="Open"/>) and fills it; returns the phones.</summary>
    public static async Task<IReadOnlyList<BenchDevice>> SeedAsync(string database, int clients, CancellationToken ct)
    {
        if (clients is < 1 or > 999)
        {
            throw new ArgumentOutOfRangeException(nameof(clients), clients, "1..999 clients (numbers are +3318<client:3><user:4>).");
        }
        await using var db = Open(database);
        await db.Database.MigrateAsync(ct);
        if (await db.Clients.AnyAsync(ct))
        {
            throw new InvalidOperationException($"{database} already holds a parc; the bench seeds a fresh directory.");
        }
        var operatorId = await db.Operators.Select(o => o.Id).FirstAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var devices = new List<BenchDevice>(clients * UsersPerClient);
        for (var c = 0; c < clients; c++)
        {
            devices.AddRange(AddClient(db, operatorId, c));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return devices;
    }

    private static List<BenchDevice> AddClient(SophiaDb db, int operatorId, int c)
    {
        var random = new Random(c);
        var clientId = c + 1;
        var domain = $"c{c:D3}.bench.example";
        var client = new Client
        {
            Id = clientId,
            OperatorId = operatorId,
            Name = $"Bench {c:D3}",
            SipDomain = domain,
            ProvisioningUser = $"bench{c:D3}",
            ProvisioningPassword = $"prov-{c:D3}-{Secret(random, 12)}",
            RegistrarHost = $"sip.{domain}",
        };
        db.Clients.Add(client);
        var siteId = clientId;
        db.Sites.Add(new Site { Id = siteId, ClientId = clientId, Name = $"Siège {c:D3}" });

        var devices = new List<BenchDevice>(UsersPerClient);
        for (var u = 0; u < UsersPerClient; u++)
        {
            var id = (c * UsersPerClient) + u + 1;
            var user = NewUser(random, clientId, siteId, id, u, domain);
            db.Users.Add(user);
            for (var k = 1; k <= SupervisedColleagues; k++)
            {
                var colleague = (u + k) % UsersPerClient;
                db.FunctionKeys.Add(new FunctionKey
                {
                    UserId = id,
                    Index = k,
                    Kind = FunctionKeyKind.Supervision,
                    SupervisedUserId = (c * UsersPerClient) + colleague + 1,
                    Label = $"{FirstName(c, colleague)} {LastName(c, colleague)}",
                });
            }
            db.FunctionKeys.Add(new FunctionKey { UserId = id, Index = SupervisedColleagues + 1, Kind = FunctionKeyKind.SpeedDial, Number = $"06{id:D8}", Label = "Mobile" });

            var e164 = $"+3318{c:D3}{u:D4}";
            db.Numbers.Add(new Number { Id = id, ClientId = clientId, SiteId = siteId, E164 = e164, UserId = id });
            foreach (var digits in ShortNumberRules.ForUserNumber(e164))
            {
                db.ShortNumbers.Add(new ShortNumber { ClientId = clientId, Digits = digits, NumberId = id, UserId = id });
            }

            var model = Models[(id - 1) % Models.Length];
            var mac = Mac(model.Vendor, id);
            db.Equipment.Add(new Equipment
            {
                Id = id,
                Mac = mac,
                ModelId = model.Id,
                ClientId = clientId,
                SiteId = siteId,
                UserId = id,
                Settings = u % 2 == 0 ? new DeviceSettings { CallWaiting = true, TimeFormat = TimeFormat.Hour24 } : new DeviceSettings(),
            });
            devices.Add(Device(client, model, mac));
        }
        return devices;
    }

    private static User NewUser(Random random, int clientId, int siteId, int id, int u, string domain) => new()
    {
        Id = id,
        ClientId = clientId,
        SiteId = siteId,
        LastName = LastName(clientId - 1, u),
        FirstName = FirstName(clientId - 1, u),
        Login = $"u{u:D3}@{domain}",
        SipUsername = $"u{u:D3}",
        SipPassword = Secret(random, 24),
        Language = u % 10 == 9 ? "en" : "fr",
    };

    private static string LastName(int c, int u) => $"{LastNames[(c + u) % LastNames.Length]}{u:D2}";

    private static string FirstName(int c, int u) => FirstNames[((c * 7) + u) % FirstNames.Length];

    // Yealink's 00:15:65 and Polycom's 00:04:F2, so that the OUI names the vendor as on real phones.
    private static MacAddress Mac(Vendor vendor, int id)
    {
        byte[] oui = vendor == Vendor.Yealink ? [0x00, 0x15, 0x65] : [0x00, 0x04, 0xF2];
        var serial = 0x100000 + id;
        return MacAddress.FromBytes([.. oui, (byte)(serial >> 16), (byte)(serial >> 8), (byte)serial]);
    }

    // The files a phone asks for at boot. Yealink: its family's common file, then <mac>.cfg. Polycom: <mac>.cfg
    // (Sophia answers with a master file naming the next one), then <mac>-sophia.cfg, its own configuration.
    private static BenchDevice Device(Client client, DeviceModel model, MacAddress mac)
    {
        var macText = mac.ToString();
        if (model.Vendor == Vendor.Yealink)
        {
            var family = int.Parse(model.ConfigFamily.AsSpan(1, 12), CultureInfo.InvariantCulture);
            var agent = $"Yealink SIP-{model.Name} {family}.86.0.15 {mac.ToDisplayString().ToLowerInvariant()}";
            return new BenchDevice(client.ProvisioningUser, client.ProvisioningPassword, agent, $"/prov/{model.ConfigFamily}", $"/prov/{macText}.cfg");
        }
        var polycom = $"FileTransport PolycomVVX-{model.Name.Replace(' ', '_')}-UA/6.4.3.5018 Type/Application";
        return new BenchDevice(client.ProvisioningUser, client.ProvisioningPassword, polycom, $"/prov/{macText}.cfg", $"/prov/{macText}-sophia.cfg");
    }

    private static string Secret(Random random, int length)
    {
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }
}
