using Sophia.Model.Parc;
using Sophia.Model.Rules;
using Sophia.Parc.Users;

namespace Sophia.Server.Console.Users;

/// <summary>
/// A user's fields as the record's tabs edit them. Each tab posts only its own fields and gives only those to the
/// operation (the others stay null: kept), so a save of one tab never touches what another tab shows.
/// </summary>
public sealed class UserForm
{
    /// <summary>The presented-number choice that takes the free number typed beside it.</summary>
    public const string FreeNumber = "free";

    public string? Civility { get; set; }
    public string? LastName { get; set; }
    public string? FirstName { get; set; }
    public string? Function { get; set; }
    public string? Email { get; set; }
    public string? Language { get; set; }
    public string? Mobile { get; set; }
    public string? Description { get; set; }
    public string? Login { get; set; }
    public string? Password { get; set; }

    /// <summary>Asked only on one's own record: changing one's own password needs the current one.</summary>
    public string? CurrentPassword { get; set; }
    public AccountType? AccountType { get; set; }
    public List<UserServices> Services { get; set; } = [];
    public string? CallRestrictionProfile { get; set; }
    public bool OutgoingPinEnabled { get; set; }
    public string? OutgoingPin { get; set; }

    /// <summary>Empty for none, one of the user's numbers, or <see cref="FreeNumber"/>.</summary>
    public string? PresentedChoice { get; set; }
    public string? PresentedFree { get; set; }

    /// <summary>Operation field -> form field, for the errors next to their field.</summary>
    public static IReadOnlyDictionary<string, string> Fields { get; } = new Dictionary<string, string>
    {
        ["civility"] = "Input.Civility",
        ["lastName"] = "Input.LastName",
        ["firstName"] = "Input.FirstName",
        ["function"] = "Input.Function",
        ["email"] = "Input.Email",
        ["language"] = "Input.Language",
        ["mobile"] = "Input.Mobile",
        ["description"] = "Input.Description",
        ["login"] = "Input.Login",
        ["password"] = "Input.Password",
        ["currentPassword"] = "Input.CurrentPassword",
        ["accountType"] = "Input.AccountType",
        ["services"] = "Input.Services",
        ["callRestrictionProfile"] = "Input.CallRestrictionProfile",
        ["outgoingPin"] = "Input.OutgoingPin",
        ["presentedNumber"] = "Input.PresentedFree",
    };

    public static UserForm From(UserDto user)
    {
        var presented = user.PresentedNumber;
        var own = presented is null || user.Numbers.Any(n => n.E164 == presented);
        return new UserForm
        {
            Civility = user.Civility,
            LastName = user.LastName,
            FirstName = user.FirstName,
            Function = user.Function,
            Email = user.Email,
            Language = user.Language,
            Mobile = user.Mobile,
            Description = user.Description,
            Login = user.Login,
            AccountType = user.AccountType,
            Services = [.. user.Services],
            CallRestrictionProfile = user.CallRestrictionProfile,
            OutgoingPinEnabled = user.HasOutgoingPin,
            PresentedChoice = own ? presented ?? "" : FreeNumber,
            PresentedFree = own ? null : presented,
        };
    }

    /// <summary>A new user: the general tab's fields, and the login when one is typed (else the operation makes one).</summary>
    public UserInput ToNewInput() => General() with { Login = Blank(Login) ? null : Login };

    /// <summary>
    /// What a save of <paramref name="tab"/> changes. An empty field clears its value (the form binds it as null, which
    /// the operation would read as "keep"). <paramref name="saved"/> is the record as the form was read.
    /// </summary>
    public UserInput ToInput(string tab, UserDto saved) => tab switch
    {
        UserTabs.Services => Nothing with { Services = Services },
        UserTabs.Fixed => Nothing with
        {
            CallRestrictionProfile = CallRestrictionProfile ?? "",
            OutgoingPin = Pin(saved.HasOutgoingPin),
            PresentedNumber = PresentedChoice == FreeNumber ? PresentedFree ?? "" : PresentedChoice ?? "",
        },
        _ => General(),
    };

    private static readonly UserInput Nothing = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    private UserInput General() => Nothing with
    {
        Civility = Civility ?? "",
        LastName = LastName ?? "",
        FirstName = FirstName ?? "",
        Function = Function ?? "",
        Email = Email ?? "",
        Language = Language,
        Mobile = Mobile ?? "",
        Description = Description ?? "",
        // A password is only changed when one is typed.
        Password = Blank(Password) ? null : Password,
        CurrentPassword = Blank(CurrentPassword) ? null : CurrentPassword,
        AccountType = AccountType,
    };

    /// <summary>
    /// "Activer le code PIN" with a code sets it; ticked without a code keeps the one set (its digits are never shown);
    /// unticked removes it. Ticked with no code and none set asks for the code.
    /// </summary>
    private string? Pin(bool isSet)
    {
        if (!OutgoingPinEnabled)
        {
            return "";
        }
        if (!Blank(OutgoingPin))
        {
            return OutgoingPin!.Trim();
        }
        return isSet ? null : throw new RuleViolationException(CommonErrors.Required("outgoingPin"));
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);
}

/// <summary>The record's tabs, as the guide's chapter 2 names them.</summary>
public static class UserTabs
{
    public const string General = "general";
    public const string Services = "services";
    public const string Fixed = "fixed";
    public const string Status = "status";

    public static IReadOnlyList<string> All { get; } = [General, Services, Fixed, Status];
}
