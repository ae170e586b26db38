namespace Sophia.Model.Provisioning;

/// <summary>
/// A file a phone sent back with PUT on <c>/prov/</c>: its local settings (Polycom <c>-phone.cfg</c>, <c>-web.cfg</c>,
/// Yealink <c>-local.cfg</c>), its local contacts (Yealink <c>-contact.xml</c>) or a log. Kept per equipment, a few versions of each kind, and goes with the equipment.
/// </summary>
public sealed class PhoneUpload
{
    public long Id { get; set; }
    public int EquipmentId { get; set; }

    /// <summary>The kind of file, which the phone's MAC and the kind make the name of: <see cref="PhoneUploadKind"/>.</summary>
    public PhoneUploadKind Kind { get; set; }

    /// <summary>The canonical name as the phone sent it, e.g. <c>0004f2a1b2c3-phone.cfg</c>.</summary>
    public required string File { get; set; }
    public DateTimeOffset At { get; set; }
    public required byte[] Content { get; set; }
    public string? SourceIp { get; set; }
}

/// <summary>What phones upload, by the suffix after their MAC.</summary>
public enum PhoneUploadKind
{
    /// <summary>Polycom <c>&lt;mac&gt;-phone.cfg</c>: settings changed on the phone.</summary>
    PolycomPhoneOverrides,

    /// <summary>Polycom <c>&lt;mac&gt;-web.cfg</c>: settings changed on the phone's web page.</summary>
    PolycomWebOverrides,

    /// <summary>Polycom <c>&lt;mac&gt;-app.log</c>.</summary>
    AppLog,

    /// <summary>Polycom and Yealink <c>&lt;mac&gt;-boot.log</c>.</summary>
    BootLog,

    /// <summary>Yealink <c>&lt;mac&gt;-local.cfg</c>: its config backup (settings changed on the phone or its web page).</summary>
    YealinkLocalConfig,

    /// <summary>Yealink <c>&lt;mac&gt;-sys.log</c>.</summary>
    SysLog,

    /// <summary>Yealink <c>&lt;mac&gt;-contact.xml</c>: the contacts kept on the phone itself (its local directory).</summary>
    YealinkContacts,
}
