using Sophia.DeviceModels;
using Sophia.Model.Parc;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// The one place a <see cref="DeviceConfig"/> is made: from the parc rows of one phone and the request context.
/// Pure: no database, no clock but <see cref="ProvisioningContext.Now"/>.
/// </summary>
internal static class DeviceConfigFactory
{
    public static DeviceConfig Create(ParcSnapshot parc, ProvisioningContext context)
    {
        var warnings = new List<string>();
        var model = parc.Model;
        var mac = parc.Equipment.Mac;
        // A DECT base's handsets: handset 1 is the equipment's user, handset N registers account N.
        var handsetUsers = model.IsDectBase
            ? parc.Handsets.Where(h => h.Number > 1 && h.Number <= model.Handsets).Prepend(parc.User is null ? null : new HandsetUser(1, parc.User))
                .OfType<HandsetUser>().ToList()
            : [];
        // The user the file is for: the equipment's, or on a DECT base whose handset 1 is free, its first handset's.
        var user = parc.User ?? handsetUsers.FirstOrDefault()?.User;
        var state = user is null ? DeviceState.Staging : DeviceState.Assigned;

        SipLine[] lines = model.IsDectBase ? [.. handsetUsers.Select(h => Line(parc.Client, h.User, h.Number))]
            : user is null ? []
            : [Line(parc.Client, user, 1)];
        // A DECT handset has no line key: the handsets' users' function keys are not the base's.
        var keys = KeyPlanner.Plan(model, model.IsDectBase ? [] : lines, user is null || model.IsDectBase ? [] : parc.FunctionKeys, parc.Client.SipDomain, warnings);
        var settings = user is null
            ? SettingsMapper.Staging(model)
            : SettingsMapper.Map(model, parc.Equipment.Settings, context, warnings);
        IReadOnlyList<Handset> handsets = model.IsDectBase
            ? [.. Enumerable.Range(1, model.Handsets).Select(n => lines.FirstOrDefault(l => l.Number == n) is { } line
                ? new Handset(n, line.DisplayName, true)
                : new Handset(n, "", false))]
            : [];

        var language = Languages.For(user?.Language ?? context.DefaultLanguage);
        if ((model.Vendor == Vendor.Yealink ? language.Yealink : language.Polycom) is null)
        {
            warnings.Add($"The {model.DisplayName} has no language '{language.Code}': it keeps its own.");
        }

        var phonebookTitle = language.Code == "fr" ? "Annuaire" : "Directory";
        var phonebookUrl = user is not null && model.Vendor == Vendor.Yealink
            ? context.ServerUrl.AbsoluteUri + ProvisioningFileNames.YealinkPhonebook(mac)
            : "";
        var phonebook = user is null || parc.Phonebook is null
            ? new Phonebook(phonebookTitle, phonebookUrl, [], model.PhonebookSizeLimit, 0)
            : PhonebookPlanner.Plan(model, user, parc.Phonebook, keys, phonebookTitle, phonebookUrl, warnings);
        if (user is not null && phonebookUrl.Length > 0)
        {
            phonebook = phonebook with
            {
                User = PhonebookCredentials.User(mac),
                Password = PhonebookCredentials.Password(mac, parc.Equipment.Id, user.Id, ProvisioningSecret(parc.Equipment, parc.Client)),
            };
        }

        return new DeviceConfig
        {
            Device = new DeviceInfo(
                mac.ToString(), mac.ToDisplayString(), model.Vendor.ToString(), model.Id, model.Name, model.DisplayName,
                model.ConfigFamily, model.MaxAccounts, model.LineKeyCount,
                model.ExpansionModules.Count == 0 ? null : model.ExpansionModules[0].Name,
                model.ExpansionKeysPerModule, model.MaxExpansionModules, model.PhonebookSizeLimit),
            State = state,
            Owner = new OwnerInfo(ConfigText.Clean(parc.Client.Name), ConfigText.Clean(parc.Site?.Name), ConfigText.Clean(user?.DisplayName)),
            Server = Server(context),
            Lines = lines,
            Handsets = handsets,
            Keys = keys,
            Settings = settings,
            Language = language,
            TimeZone = TimeZone(parc.Site?.TimeZone ?? context.DefaultTimeZone, context, warnings),
            Phonebook = phonebook,
            Warnings = warnings,
        };
    }

    /// <summary>The server part alone, for files rendered from the model only (Yealink common, Polycom master).</summary>
    public static ServerInfo Server(ProvisioningContext context) => new(
        context.ServerUrl.AbsoluteUri,
        context.NtpServer,
        context.ResyncIntervalMinutes,
        // Polycom polls no more often than hourly.
        Math.Max(3600, context.ResyncIntervalMinutes * 60));

    /// <summary>The digest password the phone provisions with: its own when it has per-device credentials, else its client's.</summary>
    private static string ProvisioningSecret(Model.Stock.Equipment equipment, Client client) =>
        !string.IsNullOrEmpty(equipment.ProvisioningUser) && !string.IsNullOrEmpty(equipment.ProvisioningPassword)
            ? equipment.ProvisioningPassword
            : client.ProvisioningPassword;

    private static SipLine Line(Client client, User user, int number)
    {
        var name = ConfigText.Clean(user.DisplayName);
        var sipUser = ConfigText.Clean(user.SipUsername);
        var domain = ConfigText.Clean(client.SipDomain);
        var registrar = ConfigText.Clean(client.RegistrarHost);
        return new SipLine(
            Number: number,
            DisplayName: name,
            Label: name,
            UserName: sipUser,
            AuthName: sipUser,
            Password: ConfigText.Clean(user.SipPassword),
            Address: $"{sipUser}@{domain}",
            Domain: domain,
            RegistrarHost: registrar,
            RegistrarPort: client.RegistrarPort,
            Transport: client.RegistrarTransport switch
            {
                SipTransport.Tcp => "tcp",
                SipTransport.Tls => "tls",
                _ => "udp",
            },
            RegistrarIsDomain: string.Equals(registrar, domain, StringComparison.OrdinalIgnoreCase));
    }

    private static TimeZoneSetting TimeZone(string zoneId, ProvisioningContext context, List<string> warnings)
    {
        foreach (var candidate in new[] { zoneId, context.DefaultTimeZone })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out _))
            {
                return TimeZoneRules.Compute(candidate, context.Now, warnings);
            }
            warnings.Add($"Time zone '{candidate}' is unknown to this server.");
        }
        return TimeZoneRules.Compute("UTC", context.Now, warnings);
    }
}
