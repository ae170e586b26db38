using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sophia.Model.Registration;
using Sophia.Registration.Jobs;
using Sophia.Registration.Resync;
using Sophia.Registration.Tests.Resync;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Jobs;

public sealed class PruneJobTests
{
    [Fact]
    public async Task Transitions_and_finished_campaigns_older_than_the_history_are_forgotten_and_running_ones_kept()
    {
        await using var parc = await TestParc.CreateAsync();
        var ids = await Phones.AddRegisteredAsync(parc, parc.Mandar, 2, "m");
        await using var db = parc.NewDb();
        var start = parc.Clock.GetUtcNow();
        db.RegistrationHistory.AddRange(
            new RegistrationHistoryEntry { EquipmentId = ids[0], From = "unknown", To = "registered", At = start, Reason = "old" },
            new RegistrationHistoryEntry { EquipmentId = ids[0], From = "registered", To = "not-registered", At = start.AddDays(8), Reason = "recent" });
        await db.SaveChangesAsync();
        var finished = await ResyncCampaigns.CreateAsync(db, parc.ClientId, null, ResyncTrigger.Client, "support@nlgs.admin", parc.Clock);
        await ResyncCampaigns.CancelAsync(db, finished.Id, parc.Clock);
        var running = await ResyncCampaigns.CreateAsync(db, parc.ClientId, null, ResyncTrigger.Client, "support@nlgs.admin", parc.Clock);
        parc.Clock.Advance(TimeSpan.FromDays(10));
        var job = new PruneJob(db, Options.Create(new RegistrationTrackingOptions { HistoryDays = 7 }), parc.Clock, NullLogger<PruneJob>.Instance);

        Assert.Equal(2, await job.RunAsync(CancellationToken.None));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));

        Assert.Equal("recent", (await db.RegistrationHistory.SingleAsync()).Reason);
        Assert.Equal(running.Id, (await db.ResyncCampaigns.SingleAsync()).Id);
        Assert.All(await db.ResyncTargets.ToListAsync(), t => Assert.Equal(running.Id, t.CampaignId));
    }
}
