namespace Sophia.Parc.Users;

/// <summary>
/// One user in a CSV export: the list's columns, flattened (numbers and short numbers space-separated, phones as
/// <c>Yealink T46S 00:15:65:98:8C:06</c> separated by <c>; </c>). Built from <see cref="UserDto"/>, so no secret can reach
/// the file; its column names are those the users import reads, so an export re-imports.
/// </summary>
public sealed record UserCsvRow(
    string Login, string LastName, string? FirstName, string? Civility, string? Function, string? Email, string Language,
    string? Mobile, string AccountType, string Services, string Numbers, string ShortNumbers, string SipUsername, string? PresentedNumber,
    string? Description, string? CallRestrictionProfile, string Equipment)
{
    public static UserCsvRow From(UserDto u, IEnumerable<UserEquipmentDto> phones) => new(
        u.Login, u.LastName, u.FirstName, u.Civility, u.Function, u.Email, u.Language, u.Mobile, u.AccountType.ToString(),
        string.Join(' ', u.Services), string.Join(' ', u.Numbers.Select(n => n.E164)),
        string.Join(' ', u.Numbers.SelectMany(n => n.ShortNumbers)), u.SipUsername, u.PresentedNumber,
        u.Description, u.CallRestrictionProfile, string.Join("; ", phones.Select(p => $"{p.ModelName} {p.Mac}")));
}
