using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Data;

namespace Sophia.Parc.Contacts;

/// <summary>
/// The client's internal contacts ("contacts internes", the users' "contacts communs"): its users and hunt groups with
/// their numbers and 4xx short numbers, derived from the parc. Every user of the client reads it, as do its admins.
/// </summary>
public sealed class InternalContactOperations(SophiaDb db)
{
    public async Task<IReadOnlyList<InternalContact>> ListAsync(Caller caller, int clientId, CancellationToken ct)
    {
        await Visible.ClientAsync(db, caller, clientId, member: true, ct);
        return await InternalContacts.ListAsync(db, clientId, ct);
    }
}
