using Sophia.Model.Rules;

namespace Sophia.Parc.Contacts;

/// <summary>An external contact as checked: its fields and the short numbers the input chose (null: keep or give one).</summary>
internal sealed record ExternalContactDraft(ContactFields Fields, string? ShortNumber, string? MobileShortNumber);

/// <summary>The checks of one external contact that need nothing but the input, shared by creation, change and import.</summary>
internal static class ExternalContactRules
{
    public static ExternalContactDraft Check(ExternalContactInput input, ContactFields? current, Func<string, string> at, List<FieldError> errors)
    {
        var fields = ContactRules.Check(input, current, at, errors);
        var shortNumber = Chosen(input.ShortNumber, at("shortNumber"), errors);
        var mobileShortNumber = Chosen(input.MobileShortNumber, at("mobileShortNumber"), errors);
        if (mobileShortNumber is not null && fields.Mobile is null)
        {
            errors.Add(FieldError.Create(at("mobileShortNumber"), "mobileShortNumber.noMobile",
                "Short number {shortNumber} would dial the contact's mobile, but the contact has none.", ("shortNumber", mobileShortNumber)));
        }
        else if (mobileShortNumber is not null && mobileShortNumber == shortNumber)
        {
            errors.Add(Duplicate(at("mobileShortNumber"), mobileShortNumber, at("shortNumber")));
        }
        return new ExternalContactDraft(fields, shortNumber, mobileShortNumber);
    }

    /// <summary>The same short number chosen twice in one request or file; <paramref name="other"/> is where it was first.</summary>
    public static FieldError Duplicate(string field, string digits, string other) => FieldError.Create(field, "shortNumber.duplicate",
        "Short number {shortNumber} is chosen twice: it is already on {other}.", ("shortNumber", digits), ("other", other));

    private static string? Chosen(string? value, string field, List<FieldError> errors)
    {
        var digits = ContactRules.Text(value);
        if (digits is not null && !ExternalContactShortNumbers.IsWellFormed(digits))
        {
            errors.Add(ExternalContactShortNumbers.NotInRange(field, digits));
            return null;
        }
        return digits;
    }
}
