using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Testing;

namespace Sophia.Model.Tests.Provisioning;

public sealed class ConfigStampTests
{
    [Fact]
    public async Task Changing_a_function_key_moves_the_stamp_of_its_client_only()
    {
        await using var parc = await TestParc.CreateAsync();
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example");
        var user = await parc.AddUserAsync("Seldon", "Cédric", "cseldon");
        var before = await ConfigStamps.CurrentAsync(parc.NewDb(), parc.ClientId);
        var otherBefore = await ConfigStamps.CurrentAsync(parc.NewDb(), other);
        Assert.NotEqual(Guid.Empty, before);

        // Another context, as another node would save it.
        await using var node2 = parc.NewDb();
        node2.FunctionKeys.Add(new FunctionKey { UserId = user.Id, Index = 1, Kind = FunctionKeyKind.SpeedDial, Number = "0654897845", Label = "Chloe" });
        await node2.SaveChangesAsync();

        var after = await ConfigStamps.CurrentAsync(parc.NewDb(), parc.ClientId);
        Assert.NotEqual(before, after);
        Assert.Equal(otherBefore, await ConfigStamps.CurrentAsync(parc.NewDb(), other));
    }
}
