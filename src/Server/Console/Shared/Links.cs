using System.Globalization;

namespace Sophia.Server.Console.Shared;

/// <summary>The console's addresses, in one place so that every page links to the others the same way.</summary>
public static class Links
{
    public const string Home = "/";
    public const string Login = "/login";
    public const string Logout = "/logout";
    public const string Language = "/language";
    public const string Clients = "/clients";
    public const string UnknownDevices = "/helpdesk/unknown-devices";
    public const string NotRegistered = "/helpdesk/not-registered";
    public const string PendingChanges = "/helpdesk/pending-changes";
    public const string Jobs = "/hangfire";
    public const string Audit = "/audit";
    public const string Accounts = "/accounts";
    public const string NewAccount = "/accounts/new";

    /// <summary>A helpdesk account's own TOTP enrolment.</summary>
    public const string Totp = "/account/totp";

    public static string AccountPassword(int accountId) => $"/accounts/{Id(accountId)}/password";

    /// <summary>A user's own console password (self-care).</summary>
    public static string UserPassword(int userId) => $"/users/{Id(userId)}/password";

    public static string Search(string? q = null) => q is null ? "/search" : "/search?q=" + Uri.EscapeDataString(q);

    public static string Client(int clientId) => $"/clients/{Id(clientId)}";
    public static string ClientSites(int clientId) => $"/clients/{Id(clientId)}/sites";
    public static string NewSite(int clientId) => $"/clients/{Id(clientId)}/sites/new";
    public static string ClientStock(int clientId) => $"/clients/{Id(clientId)}/stock";
    public static string ImportEquipment(int clientId) => $"/clients/{Id(clientId)}/stock/import";
    /// <summary>New equipment, which lands in the client's general stock.</summary>
    public static string NewEquipment(int clientId) => $"/clients/{Id(clientId)}/stock/new";
    public static string ExternalContacts(int clientId) => $"/clients/{Id(clientId)}/contacts/external";
    public static string ExternalContact(int clientId, int contactId) => $"/clients/{Id(clientId)}/contacts/external/{Id(contactId)}";
    public static string NewExternalContact(int clientId) => $"/clients/{Id(clientId)}/contacts/external/new";
    public static string ImportExternalContacts(int clientId) => $"/clients/{Id(clientId)}/contacts/external/import";
    public static string InternalContacts(int clientId) => $"/clients/{Id(clientId)}/contacts/internal";
    public static string Restrictions(int clientId) => $"/clients/{Id(clientId)}/restrictions";
    public static string Restriction(int profileId) => $"/restrictions/{Id(profileId)}";
    public static string NewRestriction(int clientId) => $"/clients/{Id(clientId)}/restrictions/new";
    public static string ClientAudit(int clientId) => $"/clients/{Id(clientId)}/audit";
    public static string Phones(int clientId, string? filter = null) =>
        $"/clients/{Id(clientId)}/phones" + (filter is null ? "" : "?filter=" + Uri.EscapeDataString(filter));

    public static string Site(int siteId) => $"/sites/{Id(siteId)}";
    public static string EditSite(int siteId) => $"/sites/{Id(siteId)}/edit";
    public static string SiteUsers(int siteId) => $"/sites/{Id(siteId)}/users";
    public static string NewUser(int siteId) => $"/sites/{Id(siteId)}/users/new";
    public static string ImportUsers(int siteId) => $"/sites/{Id(siteId)}/users/import";
    public static string SiteEquipment(int siteId) => $"/sites/{Id(siteId)}/equipment";
    public static string SiteNumbers(int siteId) => $"/sites/{Id(siteId)}/numbers";

    /// <summary>A user's record; <paramref name="tab"/> is one of the guide's tabs (general, services, fixed, status).</summary>
    public static string User(int userId, string? tab = null) => $"/users/{Id(userId)}" + (tab is null ? "" : "?tab=" + tab);
    public static string UserKeys(int userId) => $"/users/{Id(userId)}/keys";
    public static string UserPhones(int userId) => $"/users/{Id(userId)}/phones";
    /// <summary>A phone's settings (the guide's "Paramètres de l'équipement" and lock code), for its user or an admin.</summary>
    public static string UserPhone(int userId, string mac) => $"/users/{Id(userId)}/phones/{Mac(mac)}";
    public static string UserContacts(int userId) => $"/users/{Id(userId)}/contacts";
    public static string ImportUserContacts(int userId) => $"/users/{Id(userId)}/contacts/import";

    /// <summary>A phone's record in the stock (model, serial, label, where it is).</summary>
    public static string Equipment(string mac) => $"/equipment/{Mac(mac)}";

    /// <summary>A phone's diagnosis for an admin or the helpdesk: "why does this phone not work".</summary>
    public static string Device(string mac) => $"/devices/{Mac(mac)}";

    /// <summary>A MAC in an address: the 12 hex digits, which every page accepts in any notation anyway.</summary>
    private static string Mac(string mac) => new(mac.Where(char.IsAsciiHexDigit).Select(char.ToLowerInvariant).ToArray());

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
