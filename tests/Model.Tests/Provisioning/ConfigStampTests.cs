using Sophia.Model.Parc;
using Sophia.Model.Provisioning;

namespace Sophia.Model.Tests.Provisioning;

public sealed class ConfigStampTests
{
    [Fact]
    public async Task Changing_a_function_key_moves_the_stamp_of_its_client_only()
    {
        await using var test = await TestDb.CreateAsync();
        var other = new Client { OperatorId = 1, Name = "Autre", SipDomain = "autre.example", ProvisioningUser = "a", ProvisioningPassword = "password", RegistrarHost = "sip.autre.example" };
        test.Db.Clients.Add(other);
        var user = test.AddUser("Seldon", "Cédric");
        await test.Db.SaveChangesAsync();
        var before = await ConfigStamps.CurrentAsync(test.NewContext(), test.Client.Id);
        var otherBefore = await ConfigStamps.CurrentAsync(test.NewContext(), other.Id);
        Assert.NotEqual(Guid.Empty, before);

        // Another context, as another node would save it.
        var node2 = test.NewContext();
        node2.FunctionKeys.Add(new FunctionKey { UserId = user.Id, Index = 1, Kind = FunctionKeyKind.SpeedDial, Number = "0654897845", Label = "Chloe" });
        await node2.SaveChangesAsync();

        var after = await ConfigStamps.CurrentAsync(test.NewContext(), test.Client.Id);
        Assert.NotEqual(before, after);
        Assert.Equal(otherBefore, await ConfigStamps.CurrentAsync(test.NewContext(), other.Id));
    }
}
