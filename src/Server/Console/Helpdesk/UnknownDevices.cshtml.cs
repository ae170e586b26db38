using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sophia.DeviceModels.Catalog;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Rules;
using Sophia.Parc.Clients;
using Sophia.Provisioning.Diagnostics;
using Sophia.Server.Console.Shared;
using Sophia.Stock.Adoption;
using Sophia.Stock.Inventory;

namespace Sophia.Server.Console.Helpdesk;

/// <summary>
/// The phones that asked <c>/prov</c> for a configuration while in no stock; "Adopter" puts one in a client's general
/// stock (with its model, when its User-Agent names none) and opens its equipment record.
/// </summary>
[Authorize(Policy = ConsoleHosting.Helpdesk)]
public sealed class UnknownDevicesModel(FleetOperations fleet, ClientOperations clients, EquipmentOperations equipment) : ConsolePage
{
    public ListView<UnknownDeviceDto> List { get; private set; } = null!;

    public IReadOnlyList<ClientDto> Clients { get; private set; } = [];

    public IReadOnlyList<DeviceModel> Models { get; } = [.. DeviceCatalog.All.OrderBy(m => m.DisplayName, StringComparer.Ordinal)];

    /// <summary>The device whose adoption was refused, with what was picked and each error by field (<c>clientId</c>, <c>model</c>).</summary>
    public string? Failed { get; private set; }
    public int? PickedClient { get; private set; }
    public string? PickedModel { get; private set; }
    public Dictionary<string, List<string>> Errors { get; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAdoptAsync(string mac, int? clientId, string? model)
    {
        try
        {
            var adopted = await equipment.AdoptAsync(Caller, mac, new AdoptRequest(clientId, string.IsNullOrWhiteSpace(model) ? null : model), Aborted);
            return Redirect(Links.Equipment(adopted.Mac));
        }
        catch (RuleViolationException refusal) when (refusal.Kind != RuleViolationKind.Forbidden)
        {
            (Failed, PickedClient, PickedModel) = (mac, clientId, model);
            foreach (var error in refusal.Errors)
            {
                var field = error.Field is "clientId" or "model" ? error.Field : "mac";
                if (!Errors.TryGetValue(field, out var list))
                {
                    Errors[field] = list = [];
                }
                list.Add(T.Error(error));
            }
            await LoadAsync();
            return Page();
        }
    }

    /// <summary>The model the device's User-Agent names, offered as the default choice.</summary>
    public static DeviceModel? Named(UnknownDeviceDto device) =>
        (device.Model ?? UnknownDeviceAdoption.ModelFromUserAgent(device.LastUserAgent)) is { } id && DeviceCatalog.TryFind(id, out var model) ? model : null;

    public bool IsFailed(UnknownDeviceDto device) =>
        MacAddress.TryParse(Failed, out var failed) && MacAddress.TryParse(device.Mac, out var mac) && failed == mac;

    private async Task LoadAsync()
    {
        HelpdeskFrame.Top(this, "unknownDevices", T["menu.unknownDevices"]);
        Clients = [.. (await Fetch.AllAsync(page => clients.ListAsync(Caller, page, Aborted))).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)];
        var all = await Fetch.AllAsync(page => fleet.UnknownDevicesAsync(Caller, page, Aborted));
        List = ListView.Of(Request, all, d => $"{d.Mac} {d.Vendor} {d.ModelName} {d.Firmware} {d.LastIp} {d.LastUserAgent}", new Dictionary<string, Func<UnknownDeviceDto, IComparable?>>
        {
            // The most recently seen first: the helpdesk looks for the phone someone is plugging in now.
            ["lastSeen"] = d => DateTimeOffset.MaxValue - d.LastSeen,
            ["mac"] = d => d.Mac,
            ["vendor"] = d => d.Vendor,
            ["firstSeen"] = d => d.FirstSeen,
            ["ip"] = d => d.LastIp,
            ["requests"] = d => d.Requests,
        });
    }
}
