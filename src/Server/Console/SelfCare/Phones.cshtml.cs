using Sophia.Parc.Users;
using Sophia.Server.Console.Shared;

namespace Sophia.Server.Console.SelfCare;

/// <summary>The user's phones: model, MAC, site and registration state, each opening its settings.</summary>
public sealed class PhonesModel(Levels levels, UserOperations users) : ConsolePage
{
    public int UserId { get; private set; }

    public ListView<UserEquipmentDto> List { get; private set; } = null!;

    public async Task OnGetAsync(int userId)
    {
        var owner = await levels.UserAsync(this, userId, "phones", Aborted);
        UserId = owner.Id;
        Frame.Title = T.Format("selfcare.phones.title", ("user", Levels.DisplayName(owner)));
        var phones = await users.ListEquipmentAsync(Caller, userId, Aborted);
        List = ListView.Of(Request, phones, p => $"{p.ModelName} {p.Mac} {p.SiteName} {StateText(p.Registration.State)}",
            new Dictionary<string, Func<UserEquipmentDto, IComparable?>>
            {
                ["model"] = p => p.ModelName,
                ["mac"] = p => p.Mac,
                ["site"] = p => p.SiteName,
                ["state"] = p => StateText(p.Registration.State),
            });
    }

    public string StateText(string state) => T["selfcare.state." + state];
}
