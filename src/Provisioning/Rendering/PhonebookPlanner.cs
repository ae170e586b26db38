using System.Globalization;
using Sophia.DeviceModels;
using Sophia.DeviceModels.Catalog;
using Sophia.Model.Contacts;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// The phone's directory: colleagues and hunt groups (with their 4xx short numbers), the client's external contacts
/// (5xx), then the user's personal contacts, cut at the model's limit.
/// </summary>
internal static class PhonebookPlanner
{
    public static Phonebook Plan(DeviceModel model, User user, PhonebookSource source, KeyLayout keys, string title, string url, List<string> warnings)
    {
        var entries = new List<PhonebookEntry>();
        foreach (var contact in source.Internal)
        {
            if (contact.Kind == InternalContactKind.User && contact.Id == user.Id)
            {
                continue;
            }
            // The shortest short number first: colleagues dial each other that way.
            var numbers = contact.ShortNumbers.Take(1).Concat(contact.Numbers.Select(National)).ToList();
            // A hunt group's address is a SIP address; a user's is a console login, not something to dial.
            if (numbers.Count == 0 && contact.Kind == InternalContactKind.HuntGroup && !string.IsNullOrWhiteSpace(contact.Address))
            {
                numbers.Add(contact.Address);
            }
            Add(entries, contact.Kind == InternalContactKind.User ? PhonebookKinds.Colleague : PhonebookKinds.Group, "", contact.Name, numbers);
        }
        foreach (var row in source.External.OrderBy(r => r.Contact.LastName, StringComparer.CurrentCulture).ThenBy(r => r.Contact.FirstName, StringComparer.CurrentCulture))
        {
            // The phone's short number, the phone, then the mobile when there is one (Yealink shows each; Polycom the first).
            Add(entries, PhonebookKinds.External, row.Contact.FirstName, row.Contact.LastName, [.. row.ShortNumbers.Take(1), row.Contact.Phone, row.Contact.Mobile]);
        }
        foreach (var contact in source.Personal.OrderBy(c => c.LastName, StringComparer.CurrentCulture).ThenBy(c => c.FirstName, StringComparer.CurrentCulture))
        {
            Add(entries, PhonebookKinds.Personal, contact.FirstName, contact.LastName, [contact.Phone]);
        }

        // Polycom keeps speed dials in the same directory file, so they take room from the contacts.
        var limit = model.PhonebookSizeLimit - (model.Vendor == Vendor.Polycom ? keys.SpeedDials.Count : 0);
        var total = entries.Count;
        if (total > limit)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Phonebook cut at {limit} entries, the {model.DisplayName} limit: {total - limit} of {total} contacts are left out."));
            entries = entries[..limit];
        }
        return new Phonebook(title, url, entries, limit, total);
    }

    private static void Add(List<PhonebookEntry> entries, string kind, string? firstName, string lastName, IEnumerable<string?> numbers)
    {
        var dialable = numbers.Select(ConfigText.Dialable).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (dialable.Count == 0)
        {
            return;
        }
        var first = ConfigText.Clean(firstName);
        var last = ConfigText.Clean(lastName);
        var name = first.Length == 0 ? last : $"{first} {last}";
        entries.Add(new PhonebookEntry(kind, name, first, last, dialable));
    }

    private static string National(string e164)
    {
        try
        {
            return E164.ToNational(e164);
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return e164;
        }
    }
}
