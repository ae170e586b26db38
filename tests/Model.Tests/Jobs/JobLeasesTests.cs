using Sophia.Model.Jobs;
using Sophia.Testing;

namespace Sophia.Model.Tests.Jobs;

public sealed class JobLeasesTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Only_one_holder_has_a_lease_until_it_is_released_or_expires()
    {
        await using var parc = await TestParc.CreateAsync();
        await using var node1 = parc.NewDb();
        await using var node2 = parc.NewDb();

        var first = await JobLeases.TryAcquireAsync(node1, "job", "node1", Minute, parc.Clock);
        Assert.NotNull(first);
        Assert.Null(await JobLeases.TryAcquireAsync(node2, "job", "node2", Minute, parc.Clock));

        await JobLeases.ReleaseAsync(node1, first, completed: true, parc.Clock);
        Assert.Equal(parc.Clock.GetUtcNow(), await JobLeases.LastCompletedAsync(node2, "job"));
        var second = await JobLeases.TryAcquireAsync(node2, "job", "node2", Minute, parc.Clock);
        Assert.NotNull(second);

        // node2 dies without releasing: its lease lapses and node1 takes over; node2 cannot renew what it lost.
        parc.Clock.Advance(Minute + TimeSpan.FromSeconds(1));
        Assert.NotNull(await JobLeases.TryAcquireAsync(node1, "job", "node1", Minute, parc.Clock));
        Assert.False(await JobLeases.RenewAsync(node2, second, Minute, parc.Clock));
    }

    [Fact]
    public async Task Nodes_racing_for_a_new_lease_get_exactly_one_winner()
    {
        await using var parc = await TestParc.CreateAsync();
        var contexts = Enumerable.Range(0, 6).Select(_ => parc.NewDb()).ToList();

        var results = await Task.WhenAll(contexts.Select((db, i) => JobLeases.TryAcquireAsync(db, "race", $"node{i}", Minute, parc.Clock)));

        Assert.Single(results, r => r is not null);
        foreach (var db in contexts)
        {
            await db.DisposeAsync();
        }
    }
}
