using System.Globalization;
using Sophia.Model.Parc;
using Sophia.Server.Console.Localization;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.Helpdesk;

/// <summary>
/// What the helpdesk's pages share: the operator level's menu (the same entries as the clients list), and the words
/// for what the registration tracker and the resync say (API words such as <c>not-registered</c>) in the user's language.
/// </summary>
public static class HelpdeskFrame
{
    /// <summary>The operator level: its one crumb, and its menu with <paramref name="active"/> highlighted.</summary>
    public static void Top(ConsolePage page, string active, string title)
    {
        var texts = page.T;
        page.Frame.Title = title;
        page.Frame.Breadcrumb.Add(new Crumb(title, null));
        page.Frame.Menu.AddRange(new (string Key, string Label, string Url)[]
        {
            ("clients", texts["menu.clients"], Links.Clients),
            ("notRegistered", texts["helpdesk.menu.notRegistered"], Links.NotRegistered),
            ("pendingChanges", texts["helpdesk.menu.pendingChanges"], Links.PendingChanges),
            ("unknownDevices", texts["menu.unknownDevices"], Links.UnknownDevices),
            ("jobs", texts["menu.jobs"], Links.Jobs),
            ("audit", texts["menu.audit"], Links.Audit),
            ("accounts", texts["menu.accounts"], Links.Accounts),
            ("totp", texts["menu.totp"], Links.Totp),
        }.Select(e => new MenuEntry(e.Label, e.Url, e.Key == active)));
    }

    /// <summary>A registration state (<c>registered</c>, <c>not-registered</c>, <c>unreachable</c>, <c>unknown</c>) in words.</summary>
    public static string State(ConsoleTexts texts, string? state) => state switch
    {
        "registered" => texts["helpdesk.state.registered"],
        "not-registered" => texts["helpdesk.state.notRegistered"],
        "unreachable" => texts["helpdesk.state.unreachable"],
        _ => texts["helpdesk.state.unknown"],
    };

    /// <summary>The CSS class of a state: its colour in lists, badges and the timeline.</summary>
    public static string StateClass(string? state) => state switch
    {
        "registered" or "not-registered" or "unreachable" => "state-" + state,
        _ => "state-unknown",
    };

    /// <summary>How a check-sync NOTIFY ended (<c>answered</c>, <c>refused</c>, <c>no-answer</c>, <c>not-sent</c>) in words.</summary>
    public static string ResyncOutcome(ConsoleTexts texts, string? outcome) => outcome switch
    {
        "answered" => texts["helpdesk.resync.answered"],
        "refused" => texts["helpdesk.resync.refused"],
        "no-answer" => texts["helpdesk.resync.noAnswer"],
        _ => texts["helpdesk.resync.notSent"],
    };

    /// <summary>A moment as the people of a site read it: in the site's time zone, the language's date format.</summary>
    public static string Time(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } moment ? TimeZoneInfo.ConvertTime(moment, zone).ToString("G", CultureInfo.CurrentCulture) : "–";

    /// <summary>The time zone of <paramref name="zoneId"/>, or the operator's default when a phone is in no site.</summary>
    public static TimeZoneInfo Zone(string? zoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(zoneId ?? Site.DefaultTimeZone, out var zone) ? zone
        : TimeZoneInfo.TryFindSystemTimeZoneById(Site.DefaultTimeZone, out var paris) ? paris : TimeZoneInfo.Utc;
}
