namespace Sophia.Server.Parc;

/// <summary>
/// One user in a CSV export: the list's columns, flattened (numbers and short numbers space-separated).
/// Built from <see cref="UserDto"/>, so no secret can reach the file.
/// </summary>
public sealed record UserCsvRow(
    string Login, string LastName, string? FirstName, string? Civility, string? Function, string? Email, string Language,
    string? Mobile, string AccountType, string Services, string Numbers, string ShortNumbers, string SipUsername, string? PresentedNumber)
{
    public static UserCsvRow From(UserDto u) => new(
        u.Login, u.LastName, u.FirstName, u.Civility, u.Function, u.Email, u.Language, u.Mobile, u.AccountType.ToString(),
        string.Join(' ', u.Services), string.Join(' ', u.Numbers.Select(n => n.E164)),
        string.Join(' ', u.Numbers.SelectMany(n => n.ShortNumbers)), u.SipUsername, u.PresentedNumber);
}
