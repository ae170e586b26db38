using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Provisioning.Http;
using Sophia.Registration.Diagnostics;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Registration;

/// <summary>Registration state, diagnosis and the helpdesk's phone lists.</summary>
public static class RegistrationEndpoints
{
    public static void MapRegistrationApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").WithTags("Registration").RequireAuthorization(Roles.ClientAdmin).Problems(400, 403, 404);
        admin.MapGet("/equipment/{mac}/status", Status)
            .WithSummary("Registration state and since when, last fetch, pending changes, recent transitions and fetch errors, BLF keys.");
        admin.MapPost("/equipment/{mac}/check", Check).Problems(409)
            .WithSummary("Asks the registrar (and the phone, with OPTIONS) about this phone now, and records what they say.");
        admin.MapGet("/clients/{clientId:int}/phones", Phones)
            .WithSummary("The client's assigned phones with their state; filter=not-registered or pending-changes, siteId to narrow.");

        var helpdesk = api.MapGroup("").WithTags("Registration").RequireAuthorization(Roles.Helpdesk).Problems(403, 409);
        helpdesk.MapPost("/registration/reconcile", Reconcile)
            .WithSummary("Runs a reconciliation now (unless one is running) and returns what it did.");
    }

    private static async Task<Ok<EquipmentStatusDto>> Status(HttpContext http, Caller caller, PhoneStatusOperations phones, string mac, CancellationToken ct) =>
        TypedResults.Ok(await phones.StatusAsync(caller, mac, ProvisioningEndpoints.BaseUrl(http), ct));

    private static async Task<Ok<RegistrationDto>> Check(Caller caller, PhoneStatusOperations phones, string mac, CancellationToken ct) =>
        TypedResults.Ok(await phones.CheckAsync(caller, mac, ct));

    private static async Task<Ok<Paged<PhoneDto>>> Phones(
        HttpContext http, Caller caller, PhoneListOperations phones, int clientId, string? filter, int? siteId, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await phones.ListAsync(caller, clientId, filter, siteId, new PageRequest(page, pageSize), ProvisioningEndpoints.BaseUrl(http), ct));

    private static async Task<Ok<ReconcileDto>> Reconcile(Caller caller, ReconcileOperations reconciliation, CancellationToken ct) =>
        TypedResults.Ok(await reconciliation.ReconcileAsync(caller, ct));
}
