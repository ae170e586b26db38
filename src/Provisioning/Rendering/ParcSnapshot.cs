using Sophia.DeviceModels.Catalog;
using Sophia.Model.Contacts;
using Sophia.Model.Parc;
using Sophia.Model.Stock;

namespace Sophia.Provisioning.Rendering;

/// <summary>The parc rows one phone's configuration is made of, as <see cref="DeviceConfigBuilder"/> loads them.</summary>
/// <param name="User">The user the equipment is assigned to; null for equipment in a stock.</param>
/// <param name="Phonebook">The directory sources; null when the file being rendered has no directory.</param>
internal sealed record ParcSnapshot(
    Equipment Equipment,
    DeviceModel Model,
    Client Client,
    Site? Site,
    User? User,
    IReadOnlyList<FunctionKeyRow> FunctionKeys,
    PhonebookSource? Phonebook)
{
    /// <summary>A DECT base's handsets 2..N that have a user, in number order; handset 1 is <see cref="User"/>. Empty for a desk phone.</summary>
    public IReadOnlyList<HandsetUser> Handsets { get; init; } = [];
}

/// <summary>Handset <paramref name="Number"/> of a DECT base and the user whose account it registers.</summary>
internal sealed record HandsetUser(int Number, User User);

/// <summary>A user's function key with what the phone needs of the supervised user.</summary>
internal sealed record FunctionKeyRow(int Index, FunctionKeyKind Kind, string Label, string? Number, string? SupervisedSipUsername, string? SupervisedName);

internal sealed record PhonebookSource(
    IReadOnlyList<InternalContact> Internal,
    IReadOnlyList<ExternalContactRow> External,
    IReadOnlyList<PersonalContact> Personal);

internal sealed record ExternalContactRow(ExternalContact Contact, IReadOnlyList<string> ShortNumbers);
