using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Data;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Stock;
using Sophia.Model.Telephony;
using Sophia.Parc.Contacts;
using Sophia.Parc.Numbers;
using Sophia.Parc.Users;

namespace Sophia.Parc.Demo;

/// <summary>
/// The demo parc of shared/reference/demo-parc.md, exactly. Every password here is for the demo only.
/// </summary>
public sealed class DemoParc(SophiaDb db, IPasswordHasher<object> hasher)
{
    public const string DemoPassword = "sophia-demo";

    /// <summary>Loads the demo into an empty database; false (and nothing changed) when it holds a parc already.</summary>
    /// <param name="sipPassword">
    /// The SIP password of each demo user from their SIP user name; random when null, as for any user. Tests give fixed
    /// ones so that rendered files compare with golden files.
    /// </param>
    public async Task<bool> LoadIfEmptyAsync(Func<string, string>? sipPassword = null, CancellationToken ct = default)
    {
        sipPassword ??= _ => SipPasswords.New();
        if (await db.Clients.AnyAsync(ct) || await db.StaffAccounts.AnyAsync(ct))
        {
            return false;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var hash = hasher.HashPassword(new object(), DemoPassword);

        var smart = await db.Operators.FirstAsync(ct);
        smart.Name = "Smart Telecom";
        await db.SaveChangesAsync(ct);
        db.StaffAccounts.Add(new StaffAccount { Login = "support@nlgs.admin", PasswordHash = hash, Role = Role.Helpdesk });

        var client = new Client
        {
            OperatorId = smart.Id,
            Name = "15RP",
            SipDomain = "15rp.sewan.eu",
            ProvisioningUser = "15rp",
            ProvisioningPassword = "prov-demo",
            RegistrarHost = "sip.15rp.sewan.eu",
            RegistrarPort = 5060,
            RegistrarTransport = SipTransport.Udp,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        db.StaffAccounts.Add(new StaffAccount { Login = "admin@15rp.sewan.eu", PasswordHash = hash, Role = Role.ClientAdmin, ClientId = client.Id });
        db.Music.Add(new Music { ClientId = client.Id, Name = "Sonnerie 15RP", Description = "La sonnerie par défaut de 15RP", IsDefault = true });

        var mandar = new Site { ClientId = client.Id, Name = "Mandar", TimeZone = "Europe/Paris", TftpAllowedNetworks = ["127.0.0.0/8", "::1/128"] };
        var wagram = new Site { ClientId = client.Id, Name = "Wagram", TimeZone = "Europe/Paris" };
        db.Sites.AddRange(mandar, wagram);
        await db.SaveChangesAsync(ct);

        // 16/05/2016 16:16 in Paris; stored in UTC, which PostgreSQL requires.
        var orderedAt = new DateTimeOffset(2016, 5, 16, 14, 16, 0, TimeSpan.Zero);
        var numbers = Enumerable.Range(636, 8)
            .Select(n => new Number { ClientId = client.Id, SiteId = mandar.Id, E164 = $"+33185737{n}", OrderedAt = orderedAt })
            .ToDictionary(n => n.E164);
        db.Numbers.AddRange(numbers.Values);

        var lu = NewUser(client, mandar, "Lu", "Ricardo", "rlu@15rp.sewan.eu", UserServices.FixedTelephony, hash, sipPassword);
        var picard = NewUser(client, mandar, "Picard", "Noémie", "njoly@15rp.sewan.eu", UserServices.FixedTelephony, hash, sipPassword);
        var seldon = NewUser(client, mandar, "Seldon", "Cédric", "cseldon@15rp.sewan.eu",
            UserServices.FixedTelephony | UserServices.ConferenceBridge | UserServices.Mobile, hash, sipPassword);
        db.Users.AddRange(lu, picard, seldon);

        var ivr = new Ivr { ClientId = client.Id, SiteId = mandar.Id, Name = "Gestion du support" };
        var group = new HuntGroup { ClientId = client.Id, SiteId = mandar.Id, Name = "Groupe d'appel Support", Address = "grp_test@15rp.sewan.eu" };
        db.Ivrs.Add(ivr);
        db.HuntGroups.Add(group);
        await db.SaveChangesAsync(ct);

        group.Members.AddRange([
            new HuntGroupMember { UserId = lu.Id, Priority = 1 },
            new HuntGroupMember { UserId = seldon.Id, Priority = 2 },
            new HuntGroupMember { UserId = picard.Id, Priority = 3 },
        ]);
        await NumberAssignments.AssignToUserAsync(db, numbers["+33185737636"], seldon, ct);
        await NumberAssignments.AssignToUserAsync(db, numbers["+33185737637"], picard, ct);
        await NumberAssignments.AssignToUserAsync(db, numbers["+33185737638"], lu, ct);
        numbers["+33185737639"].IvrId = ivr.Id;
        numbers["+33185737640"].HuntGroupId = group.Id;

        seldon.FunctionKeys.AddRange([
            new FunctionKey { Index = 1, Kind = FunctionKeyKind.Supervision, SupervisedUserId = picard.Id, Label = "Noémie Picard" },
            new FunctionKey { Index = 2, Kind = FunctionKeyKind.Supervision, SupervisedUserId = lu.Id, Label = "Ricardo Lu" },
            new FunctionKey { Index = 3, Kind = FunctionKeyKind.SpeedDial, Number = "0654897845", Label = "Chloe" },
        ]);

        db.Equipment.AddRange(
            NewEquipment(client, "00:15:65:98:8C:06", "yealink-t46s", mandar, seldon, new DeviceSettings
            {
                CallWaiting = true,
                CallWaitingTone = true,
                DateFormat = "DD/MM/YYYY",
                TimeFormat = TimeFormat.Hour24,
                ScreenOffMinutes = 30,
                Ringtone = "Ring3",
                LockCode = "2580",
            }),
            NewEquipment(client, "00:04:F2:A1:B2:C3", "polycom-vvx450", mandar, lu, new DeviceSettings()),
            NewEquipment(client, "00:15:65:AA:00:01", "yealink-t54w", mandar, null, new DeviceSettings()),
            NewEquipment(client, "00:04:F2:A1:B2:C4", "polycom-vvx250", wagram, null, new DeviceSettings()),
            NewEquipment(client, "00:15:65:AA:00:02", "yealink-t46u", null, null, new DeviceSettings()));

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
            var contact = new ExternalContact { ClientId = client.Id, LastName = c[0], FirstName = c[1], Phone = c[2], Email = c[3] };
            db.ExternalContacts.Add(contact);
            ExternalContactShortNumbers.Add(db, contact, (shortNumber++).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static User NewUser(Client client, Site site, string last, string first, string login, UserServices services, string hash, Func<string, string> sipPassword) => new()
    {
        ClientId = client.Id,
        SiteId = site.Id,
        LastName = last,
        FirstName = first,
        Login = login,
        PasswordHash = hash,
        SipUsername = login[..login.IndexOf('@', StringComparison.Ordinal)],
        SipPassword = sipPassword(login[..login.IndexOf('@', StringComparison.Ordinal)]),
        Services = services,
        Language = "fr",
    };

    private static Equipment NewEquipment(Client client, string mac, string modelId, Site? site, User? user, DeviceSettings settings) => new()
    {
        Mac = MacAddress.Parse(mac),
        ModelId = DeviceCatalog.Get(modelId).Id,
        ClientId = client.Id,
        SiteId = site?.Id,
        UserId = user?.Id,
        Settings = settings,
    };
}
