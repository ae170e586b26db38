using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Contacts;
using Sophia.Model.Data;

namespace Sophia.Provisioning.Rendering;

/// <summary>
/// Reads one phone's part of the parc and makes its <see cref="DeviceConfig"/>. On the provisioning hot path:
/// a handful of no-tracking queries (device, client, keys; the directory's only when asked for), compiled once.
/// </summary>
public static class DeviceConfigBuilder
{
    private static readonly CompiledQuery<MacAddress, Model.Stock.Equipment?> EquipmentQuery = new((db, mac, ct) => db.Equipment.AsNoTracking()
        .Include(e => e.Site)
        .Include(e => e.User)
        .SingleOrDefault(e => e.Mac == mac));

    private static readonly CompiledQuery<int, Model.Parc.Client> ClientQuery = new((db, id, ct) => db.Clients.AsNoTracking().Single(c => c.Id == id));

    private static readonly CompiledListQuery<int, FunctionKeyRow> KeysQuery = new((db, userId) => db.FunctionKeys.AsNoTracking()
        .Where(k => k.UserId == userId)
        .OrderBy(k => k.Index)
        .Select(k => new FunctionKeyRow(
            k.Index, k.Kind, k.Label, k.Number,
            k.SupervisedUser == null ? null : k.SupervisedUser.SipUsername,
            k.SupervisedUser == null ? null : (k.SupervisedUser.FirstName == null ? k.SupervisedUser.LastName : k.SupervisedUser.FirstName + " " + k.SupervisedUser.LastName))));

    private static readonly CompiledListQuery<int, HandsetUser> HandsetsQuery = new((db, equipmentId) => db.DectHandsets.AsNoTracking()
        .Where(h => h.EquipmentId == equipmentId)
        .OrderBy(h => h.Number)
        .Select(h => new HandsetUser(h.Number, h.User!)));

    /// <summary>The configuration of the phone with <paramref name="mac"/>, directory included; null for an unknown MAC.</summary>
    public static Task<DeviceConfig?> BuildAsync(SophiaDb db, MacAddress mac, ProvisioningContext context, CancellationToken ct) =>
        BuildAsync(db, mac, context, includePhonebook: true, ct);

    /// <summary>
    /// As <see cref="BuildAsync(SophiaDb, MacAddress, ProvisioningContext, CancellationToken)"/>; without
    /// <paramref name="includePhonebook"/> the directory is left empty and its queries are not made.
    /// </summary>
    /// <exception cref="InvalidOperationException">The equipment's model is not in the catalog.</exception>
    public static async Task<DeviceConfig?> BuildAsync(SophiaDb db, MacAddress mac, ProvisioningContext context, bool includePhonebook, CancellationToken ct)
    {
        var equipment = await EquipmentQuery.RunAsync(db, mac, ct);
        if (equipment is null)
        {
            return null;
        }
        if (!DeviceCatalog.TryFind(equipment.ModelId, out var model))
        {
            throw new InvalidOperationException($"Equipment {mac.ToDisplayString()} has model '{equipment.ModelId}', which the device catalog does not know.");
        }
        var client = await ClientQuery.RunAsync(db, equipment.ClientId, ct);
        var user = equipment.User;
        var site = equipment.Site;
        if (user is not null && site is null)
        {
            site = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == user.SiteId, ct);
        }
        // Only a DECT base has handsets: a desk phone's request makes no query for them.
        List<HandsetUser> handsets = model.IsDectBase ? await HandsetsQuery.ToListAsync(db, equipment.Id, ct) : [];
        var owner = user ?? (handsets.Count > 0 ? handsets[0].User : null);

        IReadOnlyList<FunctionKeyRow> keys = [];
        PhonebookSource? phonebook = null;
        if (owner is not null)
        {
            keys = model.IsDectBase ? [] : await KeysQuery.ToListAsync(db, owner.Id, ct);
            if (includePhonebook)
            {
                // A base's phonebook is every handset's: no one user's personal contacts in it.
                phonebook = await LoadPhonebookAsync(db, client.Id, owner.Id, personal: !model.IsDectBase, ct);
            }
        }
        return DeviceConfigFactory.Create(new ParcSnapshot(equipment, model, client, site, user, keys, phonebook) { Handsets = handsets }, context);
    }

    private static async Task<PhonebookSource> LoadPhonebookAsync(SophiaDb db, int clientId, int userId, bool personal, CancellationToken ct)
    {
        var internalContacts = await InternalContacts.ListAsync(db, clientId, ct);
        var externals = await db.ExternalContacts.AsNoTracking().Where(c => c.ClientId == clientId).ToListAsync(ct);
        // The phone's short numbers only: the entry dials the phone first; the mobile's short number is dialled from the keypad.
        var externalShorts = await db.ShortNumbers.AsNoTracking()
            .Where(s => s.ClientId == clientId && s.ExternalContactId != null && !s.DialsMobile)
            .Select(s => new { s.ExternalContactId, s.Digits })
            .ToListAsync(ct);
        var shortsByContact = externalShorts
            .GroupBy(s => s.ExternalContactId!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(s => s.Digits).OrderBy(d => d.Length).ThenBy(d => d, StringComparer.Ordinal)]);
        List<Model.Contacts.PersonalContact> personalContacts = personal
            ? await db.PersonalContacts.AsNoTracking().Where(c => c.UserId == userId).ToListAsync(ct)
            : [];
        return new PhonebookSource(
            internalContacts,
            [.. externals.Select(c => new ExternalContactRow(c, shortsByContact.GetValueOrDefault(c.Id, [])))],
            personalContacts);
    }
}
