using System.Net.Mail;
using Sophia.Model.Numbers;
using Sophia.Model.Rules;

namespace Sophia.Parc.Contacts;

/// <summary>What every contact has, as a request or a CSV row gives it; a field left null keeps its value on a change.</summary>
public interface IContactInput
{
    string? LastName { get; }
    string? FirstName { get; }
    string? Company { get; }
    string? JobTitle { get; }
    string? Phone { get; }
    string? Mobile { get; }
    string? Email { get; }
}

/// <summary>A contact's checked fields: text trimmed, blanks as null, phone and mobile kept as typed.</summary>
internal sealed record ContactFields(string LastName, string? FirstName, string? Company, string? JobTitle, string Phone, string? Mobile, string? Email);

/// <summary>The checks every contact goes through, external or personal, created one by one or imported.</summary>
internal static class ContactRules
{
    /// <summary>
    /// Checks <paramref name="input"/> against <paramref name="current"/> (null when creating: then the last name and the
    /// phone are required) and adds every error to <paramref name="errors"/>, each on the field <paramref name="at"/> names
    /// (<c>lastName</c>, or <c>row 7: lastName</c> for an import). On a change a null field keeps its value and a blank
    /// optional one is cleared. The phone and the mobile are kept as typed once they are known to be phone numbers.
    /// </summary>
    public static ContactFields Check(IContactInput input, ContactFields? current, Func<string, string> at, List<FieldError> errors)
    {
        var creating = current is null;
        var known = errors.Count;
        TextLimits.Check(Text(input.LastName), TextLimits.Name, at("lastName"), errors);
        TextLimits.Check(Text(input.FirstName), TextLimits.Name, at("firstName"), errors);
        TextLimits.Check(Text(input.Company), TextLimits.Name, at("company"), errors);
        TextLimits.Check(Text(input.JobTitle), TextLimits.Name, at("jobTitle"), errors);
        TextLimits.Check(Text(input.Phone), TextLimits.PhoneNumber, at("phone"), errors);
        TextLimits.Check(Text(input.Mobile), TextLimits.PhoneNumber, at("mobile"), errors);
        TextLimits.Check(Text(input.Email), TextLimits.Email, at("email"), errors);
        if (errors.Count > known)
        {
            // The checks below would quote the oversized value in their messages.
            return current ?? new ContactFields("", null, null, null, "", null, null);
        }
        var lastName = Text(input.LastName);
        if ((creating || input.LastName is not null) && lastName is null)
        {
            errors.Add(CommonErrors.Required("lastName").At(at("lastName")));
        }
        var phone = Text(input.Phone);
        if ((creating || input.Phone is not null) && !E164.TryNormalize(phone, out _, out var phoneError))
        {
            errors.Add(CommonErrors.NotPhoneNumber(at("phone"), phoneError));
        }
        if (Text(input.Mobile) is { } mobile && !E164.TryNormalize(mobile, out _, out var mobileError))
        {
            errors.Add(CommonErrors.NotPhoneNumber(at("mobile"), mobileError));
        }
        if (Text(input.Email) is { } email && !MailAddress.TryCreate(email, out _))
        {
            errors.Add(CommonErrors.NotEmail(at("email"), email));
        }
        return new ContactFields(
            lastName ?? current?.LastName ?? "",
            Keep(input.FirstName, current?.FirstName),
            Keep(input.Company, current?.Company),
            Keep(input.JobTitle, current?.JobTitle),
            phone ?? current?.Phone ?? "",
            Keep(input.Mobile, current?.Mobile),
            Keep(input.Email, current?.Email));
    }

    /// <summary>Trimmed text; null for nothing or blanks.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An optional field: null keeps <paramref name="current"/>, blank clears it.</summary>
    public static string? Keep(string? value, string? current) => value is null ? current : Text(value);
}
