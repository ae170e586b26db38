using Sophia.Model.Parc;
using Sophia.Parc.Users;

namespace Sophia.Server.Console.Users;

/// <summary>How the users' pages name and order things: the text keys of the guide's words, and the list's order.</summary>
public static class UserWords
{
    /// <summary>The civilities the form offers (stored as written); the first, empty, is none.</summary>
    public static IReadOnlyList<string> Civilities { get; } = ["", "M.", "Mme"];

    /// <summary>The guide's name of a service (2.2): Téléphonie fixe, Pont de conférence...</summary>
    public static string Service(UserServices service) => "users.service." + service;

    public static string AccountType(AccountType type) => "users.accountType." + type;

    /// <summary>A phone's registration state: registered, not-registered, unreachable or unknown.</summary>
    public static string State(string state) => "users.state." + state;

    public static string Civility(string civility) => civility switch
    {
        "" => "users.civility.none",
        "M." => "users.civility.mr",
        "Mme" => "users.civility.mrs",
        _ => "",
    };

    /// <summary>
    /// The list's default order, which the record's First / Previous / Next / Last follow too: last name, first name,
    /// then the id for namesakes.
    /// </summary>
    public static IComparable NameOrder(UserDto user) => (user.LastName.ToUpperInvariant(), (user.FirstName ?? "").ToUpperInvariant(), user.Id);
}
