using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Stock;
using Sophia.Server.Api;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Api;

/// <summary>
/// Two requests racing for the same MAC (or short number, or login) both pass the API's own check; the database's
/// unique index stops the second, which must get the 409 a later request would get, not a 500.
/// </summary>
public sealed class UniqueViolationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_unique_index_refusal_is_a_409_on_SQLite()
    {
        using var factory = new SophiaFactory();
        await AssertMappedAsync(factory);
    }

    [Fact]
    public async Task A_unique_index_refusal_is_a_409_on_PostgreSQL()
    {
        using var factory = new SophiaFactory();
        factory.Settings["Sophia:Database:Provider"] = "Postgres";
        factory.Settings["Sophia:Database:ConnectionString"] = await postgres.CreateDatabaseAsync();
        factory.Settings["Sophia:Secrets:MasterKey"] = SophiaFactory.PostgresMasterKey;
        await AssertMappedAsync(factory);
    }

    private static async Task AssertMappedAsync(SophiaFactory factory)
    {
        _ = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
        var existing = await db.Equipment.AsNoTracking().FirstAsync(e => e.Mac == MacAddress.Parse("00:15:65:98:8C:06"));

        db.Equipment.Add(new Equipment { Mac = existing.Mac, ModelId = existing.ModelId, ClientId = existing.ClientId });
        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Equipment.Add(new Equipment { Mac = MacAddress.Parse("00:15:65:00:00:99"), ModelId = existing.ModelId, ClientId = 999_999 });
        var missingClient = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(Problems.IsUniqueViolation(duplicate));
        Assert.False(Problems.IsUniqueViolation(missingClient));

        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<Problems>(scope.ServiceProvider);
        Assert.True(await handler.TryHandleAsync(http, duplicate, CancellationToken.None));
        Assert.Equal(StatusCodes.Status409Conflict, http.Response.StatusCode);
        Assert.False(await handler.TryHandleAsync(new DefaultHttpContext { RequestServices = scope.ServiceProvider }, missingClient, CancellationToken.None));
    }
}
