using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Paging;
using Sophia.Parc.Clients;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Parc;

public static class ClientEndpoints
{
    public static void MapClients(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/clients").WithTags("Clients").RequireAuthorization(Roles.ClientAdmin).Problems(403);
        clients.MapGet("/", List).Problems(400);
        clients.MapGet("/{clientId:int}", Get).Problems(404);
        clients.MapPost("/", Create).RequireAuthorization(Roles.Helpdesk).Problems(400, 409);
        clients.MapPut("/{clientId:int}", Update).Problems(400, 404, 409, 412);
        clients.MapDelete("/{clientId:int}", Delete).RequireAuthorization(Roles.Helpdesk).Problems(404, 409, 412);
    }

    private static async Task<Ok<Paged<ClientDto>>> List(Caller caller, ClientOperations clients, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await clients.ListAsync(caller, new PageRequest(page, pageSize), ct));

    private static async Task<Ok<ClientDto>> Get(HttpContext http, Caller caller, ClientOperations clients, int clientId, CancellationToken ct)
    {
        var client = await clients.GetAsync(caller, clientId, ct);
        return http.Tagged(client, client.Version);
    }

    private static async Task<Created<ClientDto>> Create(HttpContext http, Caller caller, ClientOperations clients, ClientInput input, CancellationToken ct)
    {
        var client = await clients.CreateAsync(caller, input, ct);
        http.SetETag(client.Version);
        return TypedResults.Created($"/api/v1/clients/{client.Id}", client);
    }

    private static async Task<Ok<ClientDto>> Update(HttpContext http, Caller caller, ClientOperations clients, int clientId, ClientInput input, CancellationToken ct)
    {
        var client = await clients.UpdateAsync(caller, clientId, input, http.IfMatch(), ct);
        return http.Tagged(client, client.Version);
    }

    private static async Task<NoContent> Delete(HttpContext http, Caller caller, ClientOperations clients, int clientId, CancellationToken ct)
    {
        await clients.DeleteAsync(caller, clientId, http.IfMatch(), ct);
        return TypedResults.NoContent();
    }
}
