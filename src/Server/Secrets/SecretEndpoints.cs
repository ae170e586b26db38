using Microsoft.AspNetCore.Http.HttpResults;
using Sophia.Model.Accounts;
using Sophia.Model.Secrets;
using Sophia.Server.Accounts;
using Sophia.Server.Api;

namespace Sophia.Server.Secrets;

public static class SecretEndpoints
{
    public static void MapSecrets(this RouteGroupBuilder api)
    {
        var secrets = api.MapGroup("/secrets").WithTags("Secrets").RequireAuthorization(Roles.Helpdesk).Problems(403);
        secrets.MapPost("/rotate", Rotate)
            .WithSummary("Makes a new encryption key the default and re-encrypts every secret under it, in batches, while this and every other node keep serving.");
    }

    private static async Task<Ok<SecretRotation>> Rotate(Caller caller, SecretStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.RotateAsync(caller, ct));
}
