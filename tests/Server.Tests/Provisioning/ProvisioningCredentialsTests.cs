using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Provisioning;

/// <summary>Whose credentials open which file: the device lookup and the client lookup of <c>/prov/</c>.</summary>
public sealed class ProvisioningCredentialsTests
{
    private const string Seldon = "/prov/001565988c06.cfg";
    private const string T46sAgent = "Yealink SIP-T46S 66.86.0.15 00:15:65:98:8c:06";
    private const string Common = "/prov/y000000000066.cfg";

    [Fact]
    public async Task A_phone_with_its_own_credentials_is_served_with_them_and_refused_with_its_clients()
    {
        using var factory = new SophiaFactory();
        var http = factory.CreateClient();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SophiaDb>();
            var mac = MacAddress.Parse("00:15:65:98:8C:06");
            var equipment = await db.Equipment.SingleAsync(e => e.Mac == mac);
            equipment.ProvisioningUser = "seldon-phone";
            equipment.ProvisioningPassword = "phone-only-pass";
            await db.SaveChangesAsync();
        }

        var own = await new DigestClient(http, "seldon-phone", "phone-only-pass", T46sAgent).GetAsync(Seldon);
        var clients = await new DigestClient(http, "15rp", "prov-demo", T46sAgent).GetAsync(Seldon);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("account.1.user_name = cseldon", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, clients.StatusCode);
    }

    [Fact]
    public async Task A_shared_file_opens_with_a_clients_credentials_only()
    {
        using var factory = new SophiaFactory();
        var http = factory.CreateClient();

        var client = await new DigestClient(http, "15rp", "prov-demo", T46sAgent).GetAsync(Common);
        var wrongPassword = await new DigestClient(http, "15rp", "not-the-password", T46sAgent).GetAsync(Common);
        var noSuchClient = await new DigestClient(http, "nobody", "prov-demo", T46sAgent).GetAsync(Common);

        Assert.Equal(HttpStatusCode.OK, client.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noSuchClient.StatusCode);
    }
}
