namespace Sophia.Provisioning.Rendering;

/// <summary>
/// Everything a per-phone template sees, for one piece of equipment: built only by
/// <see cref="DeviceConfigFactory"/>. Values are final: mapped to the vendor's syntax, cleaned of control
/// characters, limited to what the model supports. In templates, names are snake_case
/// (<c>device.line_key_count</c>, <c>time_zone.yealink.start_time</c>).
/// </summary>
public sealed record DeviceConfig
{
    public required DeviceInfo Device { get; init; }

    public required DeviceState State { get; init; }

    /// <summary>Who and where the phone is, for comments in the files.</summary>
    public required OwnerInfo Owner { get; init; }

    public required ServerInfo Server { get; init; }

    /// <summary>The SIP registrations; empty in staging.</summary>
    public required IReadOnlyList<SipLine> Lines { get; init; }

    /// <summary>
    /// A DECT base's handsets 1..N, handset N on account N (<c>lines</c> holds the accounts of the handsets in use);
    /// empty for a desk phone.
    /// </summary>
    public IReadOnlyList<Handset> Handsets { get; init; } = [];

    public required KeyLayout Keys { get; init; }

    /// <summary><see cref="YealinkSettings"/> or <see cref="PolycomSettings"/>, as the model's vendor.</summary>
    public required VendorSettings Settings { get; init; }

    public required LanguageSetting Language { get; init; }

    public required TimeZoneSetting TimeZone { get; init; }

    /// <summary>Directory entries; empty in staging, and when the file being rendered does not need them.</summary>
    public required Phonebook Phonebook { get; init; }

    /// <summary>What the phone will not get as asked: keys not placed, settings the model lacks, entries cut.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Full configuration for a user.</summary>
    public bool Assigned => State == DeviceState.Assigned;

    /// <summary>In a stock: no SIP credentials, no user data.</summary>
    public bool Staging => State == DeviceState.Staging;

    /// <summary>Whether any value here is a secret (a SIP password, a lock code, the phonebook's password).</summary>
    public bool HasSecrets => Lines.Any(l => l.Password.Length > 0) || Settings.HasSecrets || Phonebook.Password.Length > 0;

    /// <summary>The secret values: the lines' SIP passwords, the settings' unlock code and the phonebook's password.</summary>
    public IEnumerable<string> Secrets =>
        Lines.Select(l => l.Password).Append(Settings.Secret ?? "").Append(Phonebook.Password).Where(s => s.Length > 0);

    /// <summary>The same configuration with every secret replaced by <paramref name="mask"/>, for previews.</summary>
    public DeviceConfig WithSecretsMasked(string mask) => this with
    {
        Lines = [.. Lines.Select(l => l.Password.Length == 0 ? l : l with { Password = mask })],
        Settings = Settings.WithSecretsMasked(mask),
        Phonebook = Phonebook.Password.Length == 0 ? Phonebook : Phonebook with { Password = mask },
    };
}

public enum DeviceState
{
    /// <summary>Assigned to a user: the full configuration.</summary>
    Assigned,

    /// <summary>In a client's or site's stock: server, time and display basics only.</summary>
    Staging,
}

/// <summary>The phone and its model's capacities.</summary>
/// <param name="Mac">12 lower-case hex digits, as in file names: <c>001565988c06</c>.</param>
/// <param name="MacDisplay"><c>00:15:65:98:8C:06</c>.</param>
/// <param name="ConfigFamily">Yealink common file (<c>y000000000066.cfg</c>) or <c>polycom-uc</c>.</param>
public sealed record DeviceInfo(
    string Mac,
    string MacDisplay,
    string Vendor,
    string ModelId,
    string ModelName,
    string DisplayName,
    string ConfigFamily,
    int MaxAccounts,
    int LineKeyCount,
    string? ExpansionModuleName,
    int ExpansionKeysPerModule,
    int MaxExpansionModules,
    int PhonebookSizeLimit);

/// <summary>Names for comments; <see cref="User"/> and <see cref="Site"/> are empty when the phone has none.</summary>
public sealed record OwnerInfo(string Client, string Site, string User);

/// <summary>The provisioning server as the phone should reach it again.</summary>
/// <param name="BaseUrl">Ends with <c>/</c>, no credentials.</param>
/// <param name="ResyncMinutes">Periodic re-check, minutes (Yealink <c>static.auto_provision.repeat.minutes</c>).</param>
/// <param name="PollingSeconds">The same in seconds, at least 3600 (Polycom <c>prov.polling.period</c>).</param>
public sealed record ServerInfo(string BaseUrl, string NtpServer, int ResyncMinutes, int PollingSeconds);

/// <summary>One SIP registration.</summary>
/// <param name="Number">1-based account (Yealink <c>account.N</c>, Polycom <c>reg.N</c>).</param>
/// <param name="Address">The address of record, <c>user@domain</c>.</param>
/// <param name="Domain">The client's SIP domain.</param>
/// <param name="Transport"><c>udp</c>, <c>tcp</c> or <c>tls</c>.</param>
/// <param name="RegistrarIsDomain">Whether the registrar is the SIP domain itself (no separate outbound proxy).</param>
public sealed record SipLine(
    int Number,
    string DisplayName,
    string Label,
    string UserName,
    string AuthName,
    string Password,
    string Address,
    string Domain,
    string RegistrarHost,
    int RegistrarPort,
    string Transport,
    bool RegistrarIsDomain)
{
    /// <summary>The password is a secret: records print every property by default.</summary>
    public override string ToString() => $"SipLine {{ Number = {Number}, Address = {Address}, Registrar = {RegistrarHost}:{RegistrarPort}/{Transport} }}";
}

/// <summary>Handset <paramref name="Number"/> of a DECT base, bound to the account of the same number.</summary>
/// <param name="Name">Its user's name, shown on the handset; empty when it is free.</param>
/// <param name="InUse">Whether a user has it; a free handset's account is switched off and wiped.</param>
public sealed record Handset(int Number, string Name, bool InUse);

/// <summary>Key kinds as templates compare them.</summary>
public static class KeyKinds
{
    /// <summary>A line (registration) appearance.</summary>
    public const string Line = "line";

    /// <summary>Busy lamp field on a supervised user's line.</summary>
    public const string Blf = "blf";

    public const string SpeedDial = "speed_dial";

    /// <summary>A key slot with nothing on it; templates clear it.</summary>
    public const string Unused = "unused";
}

/// <summary>One key, on the phone (<see cref="Module"/> 0) or on an expansion module.</summary>
/// <param name="Position">1-based across the phone then its modules (Polycom <c>lineKey.N</c>).</param>
/// <param name="Module">0 on the phone, else the expansion module (Yealink <c>expansion_module.X</c>).</param>
/// <param name="Number">1-based on the phone or on its module (Yealink <c>linekey.N</c>, <c>expansion_module.X.key.N</c>).</param>
/// <param name="Kind">One of <see cref="KeyKinds"/>.</param>
/// <param name="Line">The account the key uses.</param>
/// <param name="Value">BLF: the supervised address (<c>user@domain</c>); speed dial: the number; otherwise empty.</param>
/// <param name="KindIndex">1-based among placed keys of the same kind (Polycom <c>attendant.resourceList.N</c>, directory <c>sd</c>).</param>
/// <param name="FunctionKey">The index of the user's function key on this slot; null for a line key or an unused slot.</param>
public sealed record PhoneKey(int Position, int Module, int Number, string Kind, int Line, string Value, string Label, int KindIndex, int? FunctionKey = null)
{
    /// <summary>
    /// BLF: the supervised SIP user alone (<c>njoly</c>), for a phone that completes it with its account's SIP server
    /// (a Yealink, whose <c>sip_server.1.address</c> is the SIP domain) into the address of record the presence
    /// server keys the user's dialogs on; otherwise <see cref="Value"/>.
    /// </summary>
    public string BlfUser => Kind == KeyKinds.Blf && Value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at ? Value[..at] : Value;
}

/// <summary>Keys of one expansion module, every slot of it.</summary>
public sealed record ExpansionModuleKeys(int Module, IReadOnlyList<PhoneKey> Keys);

/// <summary>The line keys then the user's function keys, in order, laid out on the phone and its modules.</summary>
/// <param name="Phone">Every key slot of the phone, unused ones included.</param>
/// <param name="Expansion">Modules up to the last one holding a key, every slot of each.</param>
/// <param name="NotPlaced">Keys beyond the phone and module capacity, listed in the preview only.</param>
/// <param name="Capacity">Keys the phone can hold with every module it takes: how far entries a template clears go.</param>
public sealed record KeyLayout(IReadOnlyList<PhoneKey> Phone, IReadOnlyList<ExpansionModuleKeys> Expansion, IReadOnlyList<PhoneKey> NotPlaced, int Capacity)
{
    /// <summary>What the layout could not do as asked (keys left out or not placed, keys on a module), also in the config's warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Phone then module slots, in position order.</summary>
    public IReadOnlyList<PhoneKey> All => [.. Phone, .. Expansion.SelectMany(m => m.Keys)];

    /// <summary>Placed BLF keys in order.</summary>
    public IReadOnlyList<PhoneKey> Blf => [.. All.Where(k => k.Kind == KeyKinds.Blf)];

    /// <summary>Placed speed dials in order.</summary>
    public IReadOnlyList<PhoneKey> SpeedDials => [.. All.Where(k => k.Kind == KeyKinds.SpeedDial)];
}

/// <summary>The user's language in each vendor's terms; a vendor value is null when the vendor has no such language.</summary>
/// <param name="Yealink"><c>lang.gui</c>, e.g. <c>French</c>.</param>
/// <param name="Polycom"><c>lcl.ml.lang</c>, e.g. <c>French_France</c>.</param>
public sealed record LanguageSetting(string Code, string? Yealink, string? Polycom);

/// <summary>The phone's directory.</summary>
/// <param name="Title">Shown on the phone (Yealink <c>remote_phonebook.data.1.name</c>).</param>
/// <param name="Url">Where a Yealink fetches it, without credentials; empty when there is none.</param>
/// <param name="Total">Entries before the model's limit cut the list.</param>
public sealed record Phonebook(string Title, string Url, IReadOnlyList<PhonebookEntry> Entries, int Limit, int Total)
{
    /// <summary>The digest user a Yealink sends for <see cref="Url"/> (<see cref="PhonebookCredentials"/>); empty when there is no URL.</summary>
    public string User { get; init; } = "";

    /// <summary>Its password, a secret that opens this phone's phonebook only; empty when there is no URL.</summary>
    public string Password { get; init; } = "";

    /// <summary>The password is a secret: records print every property by default.</summary>
    public override string ToString() => $"Phonebook {{ Title = {Title}, Url = {Url}, Entries = {Entries.Count}, Limit = {Limit}, Total = {Total} }}";
}

public static class PhonebookKinds
{
    public const string Colleague = "colleague";
    public const string Group = "group";
    public const string External = "external";
    public const string Personal = "personal";
}

/// <summary>One directory entry; <see cref="Numbers"/> has the one to dial first (a short number when there is one).</summary>
public sealed record PhonebookEntry(string Kind, string Name, string FirstName, string LastName, IReadOnlyList<string> Numbers);
