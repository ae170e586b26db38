using Sophia.DeviceModels;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.DeviceModels.Settings;
using Sophia.Model.Contacts;
using Sophia.Model.Parc;
using Sophia.Model.Stock;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// Made-up phones every template is rendered against when it is loaded, so that a template that fails is refused
/// before any phone gets it. They go through <see cref="DeviceConfigFactory"/> like real ones and cover every
/// branch a template can take: assigned with all settings, keys on an expansion module and keys not placed,
/// assigned with no settings, staging; with values that need escaping.
/// </summary>
internal static class SampleConfigs
{
    private static readonly ProvisioningContext Context = new()
    {
        ServerUrl = new Uri("https://sophia.invalid/prov/"),
        Now = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero),
    };

    public static IReadOnlyList<object> For(TemplateDefinition definition)
    {
        if (definition == TemplateDefinitions.YealinkCommon)
        {
            return [new CommonConfig("y000000000066.cfg", ["T46S"], DeviceConfigFactory.Server(Context))];
        }
        if (definition == TemplateDefinitions.PolycomMaster)
        {
            return
            [
                new MasterConfig("", [ProvisioningFileNames.PolycomPhoneForAnyMac], DeviceConfigFactory.Server(Context)),
                new MasterConfig("0004f2000001", ["0004f2000001-sophia.cfg"], DeviceConfigFactory.Server(Context)),
            ];
        }
        return definition.Vendor == Vendor.Yealink
            ? [Device("yealink-t46s", full: true), Device("yealink-t31p", full: false), Device("yealink-t46s", full: false, assigned: false)]
            : [Device("polycom-vvx450", full: true), Device("polycom-vvx150", full: false), Device("polycom-vvx250", full: false, assigned: false)];
    }

    private static DeviceConfig Device(string modelId, bool full, bool assigned = true)
    {
        var model = DeviceCatalog.Get(modelId);
        var client = new Client
        {
            Id = 1,
            Name = "Sample & Co <test>",
            SipDomain = "sample.invalid",
            ProvisioningUser = "sample",
            ProvisioningPassword = "sample",
            RegistrarHost = full ? "sip.sample.invalid" : "sample.invalid",
            RegistrarTransport = full ? SipTransport.Tls : SipTransport.Udp,
        };
        var site = new Site { Id = 1, ClientId = 1, Name = "Site \"A\"", TimeZone = full ? "Europe/Paris" : "Asia/Kolkata" };
        var user = new User
        {
            Id = 1,
            ClientId = 1,
            SiteId = 1,
            FirstName = "Zoë",
            LastName = "O'Brien <&>",
            Login = "zobrien@sample.invalid",
            SipUsername = "zobrien",
            SipPassword = "sample-password",
            Language = full ? "fr" : "xx",
        };
        var settings = full
            ? new DeviceSettings
            {
                CallWaiting = true,
                CallWaitingTone = false,
                DateFormat = model.Settings.DateFormats[0],
                TimeFormat = TimeFormat.Hour24,
                ScreenOffMinutes = model.Vendor == Vendor.Yealink ? 30 : 10,
                Ringtone = model.Settings.Ringtones[^1],
                LockCode = "1234",
            }
            : new DeviceSettings();
        var equipment = new Equipment
        {
            Mac = MacAddress.Parse(model.Vendor == Vendor.Yealink ? "001565000001" : "0004f2000001"),
            ModelId = model.Id,
            ClientId = 1,
            SiteId = 1,
            UserId = assigned ? 1 : null,
            Settings = settings,
        };
        // Enough keys to fill the phone and spill onto an expansion module (or past the last key).
        var keys = Enumerable.Range(1, model.LineKeyCount + 2)
            .Select(i => i % 2 == 0
                ? new FunctionKeyRow(i, FunctionKeyKind.SpeedDial, $"Speed \"{i}\" & <co>", "06 54 89 78 45", null, null)
                : new FunctionKeyRow(i, FunctionKeyKind.Supervision, $"Colleague {i} <&>", null, $"user{i}", $"User {i}"))
            .ToList();
        var phonebook = new PhonebookSource(
            [
                new InternalContact(InternalContactKind.User, 2, "Ann <&> Lee", "alee@sample.invalid", ["+33185737637"], ["437", "4637"]),
                new InternalContact(InternalContactKind.HuntGroup, 3, "Support \"desk\"", "support@sample.invalid", [], []),
            ],
            [new ExternalContactRow(new ExternalContact { Id = 1, ClientId = 1, LastName = "D'Arc & Fils", FirstName = "Jeanne", Phone = "03 54 69 86 54" }, ["500"])],
            [new PersonalContact { Id = 1, UserId = 1, LastName = "Mère <maison>", Phone = "0654897845" }]);
        return DeviceConfigFactory.Create(
            new ParcSnapshot(equipment, model, client, site, assigned ? user : null, full ? keys : keys[..2], full ? phonebook : null),
            Context);
    }
}
