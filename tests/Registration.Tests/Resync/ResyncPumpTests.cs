using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sophia.Model.Registration;
using Sophia.Registration.Jobs;
using Sophia.Registration.Resync;
using Sophia.Registration.Sip;
using Sophia.Testing;

namespace Sophia.Registration.Tests.Resync;

public sealed class ResyncPumpTests
{
    [Fact]
    public async Task The_pump_starts_at_most_PerSecond_NOTIFYs_a_second_and_PerSite_per_site_and_minute()
    {
        await using var parc = await TestParc.CreateAsync();
        var mandar = await Phones.AddRegisteredAsync(parc, parc.Mandar, 12, "m");
        var wagram = await Phones.AddRegisteredAsync(parc, parc.Wagram, 3, "w");
        await using var db = parc.NewDb();
        var campaign = await ResyncCampaigns.CreateAsync(db, parc.ClientId, null, ResyncTrigger.Client, "support@nlgs.admin", parc.Clock);
        var phones = new RecordingPhones();
        var pump = Pump(parc, db, phones, perSecond: 4, perSite: 5);

        var started = new List<int>();
        for (var second = 0; second < 4; second++)
        {
            var tick = await pump.TickAsync();
            await Task.WhenAll(tick.Sends);
            started.Add(tick.Started);
            parc.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        // 4, then 1 more of Mandar (its 5 a minute reached) and Wagram's 3, then nothing until Mandar's minute has passed.
        Assert.Equal([4, 4, 0, 0], started);
        Assert.Equal(3, phones.Notified.Count(t => t.ContactUri.StartsWith("sip:w@", StringComparison.Ordinal)));
        parc.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await pump.TickAsync();
        await Task.WhenAll(later.Sends);
        Assert.Equal((4, 3), (later.Started, later.Queued));

        var progress = (await ResyncCampaigns.ProgressAsync(db, campaign.Id))!;
        Assert.Equal((15, 3, 12), (progress.Total, progress.Pending, progress.Targets[ResyncTargetState.Answered]));
        Assert.Equal(mandar.Count + wagram.Count, phones.Notified.Count + progress.Pending);
        Assert.Equal(12, phones.Notified.Distinct().Count());
    }

    [Fact]
    public async Task A_cancelled_campaign_sends_nothing_more_and_keeps_what_it_did()
    {
        await using var parc = await TestParc.CreateAsync();
        await Phones.AddRegisteredAsync(parc, parc.Mandar, 6, "m");
        await using var db = parc.NewDb();
        var campaign = await ResyncCampaigns.CreateAsync(db, parc.ClientId, parc.Mandar, ResyncTrigger.Site, "support@nlgs.admin", parc.Clock);
        var phones = new RecordingPhones();
        var pump = Pump(parc, db, phones, perSecond: 2, perSite: 100);
        await Task.WhenAll((await pump.TickAsync()).Sends);

        Assert.True(await ResyncCampaigns.CancelAsync(db, campaign.Id, parc.Clock));
        parc.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await pump.TickAsync();

        Assert.Equal((0, 0), (after.Started, after.Queued));
        Assert.Equal(2, phones.Notified.Count);
        var progress = (await ResyncCampaigns.ProgressAsync(db, campaign.Id))!;
        Assert.Equal(ResyncCampaignState.Cancelled, progress.State);
        Assert.Equal((2, 4), (progress.Targets[ResyncTargetState.Answered], progress.Targets[ResyncTargetState.Cancelled]));
        Assert.False(await ResyncCampaigns.CancelAsync(db, campaign.Id, parc.Clock));
    }

    [Fact]
    public async Task A_campaign_queues_phones_with_a_contact_skips_the_others_and_records_each_answer()
    {
        await using var parc = await TestParc.CreateAsync();
        var ids = await Phones.AddRegisteredAsync(parc, parc.Mandar, 3, "m");
        await using var db = parc.NewDb();
        await Phones.SetStateAsync(db, ids[1], "not-registered", "sip:m@192.0.2.200:5060", parc.Clock.GetUtcNow());
        await Phones.SetStateAsync(db, ids[2], "unknown", null, parc.Clock.GetUtcNow());
        var phones = new RecordingPhones();
        var contact = (await db.RegistrationStatuses.FirstAsync(s => s.EquipmentId == ids[0])).Contact!;
        phones.Answer(contact, SipOutcome.FromFinal(481, "Subscription Does Not Exist", 1, TimeSpan.FromMilliseconds(2)));
        var campaign = await ResyncCampaigns.CreateAsync(db, parc.ClientId, null, ResyncTrigger.Client, "admin@15rp.sewan.eu", parc.Clock);

        await Task.WhenAll((await Pump(parc, db, phones, 5, 5).TickAsync()).Sends);
        await ResyncCampaigns.CompleteFinishedAsync(db, parc.Clock);

        var targets = await db.ResyncTargets.AsNoTracking().Where(t => t.CampaignId == campaign.Id).ToDictionaryAsync(t => t.EquipmentId);
        Assert.Equal((ResyncTargetState.Refused, 481), (targets[ids[0]].State, targets[ids[0]].StatusCode));
        Assert.Equal((ResyncTargetState.Skipped, "not registered"), (targets[ids[1]].State, targets[ids[1]].Detail));
        Assert.Equal((ResyncTargetState.Skipped, "no registered contact known"), (targets[ids[2]].State, targets[ids[2]].Detail));
        var status = await db.RegistrationStatuses.AsNoTracking().FirstAsync(s => s.EquipmentId == ids[0]);
        Assert.Equal(("refused", parc.Clock.GetUtcNow()), (status.LastResyncOutcome, status.LastResyncAt));
        Assert.Equal(ResyncCampaignState.Completed, (await ResyncCampaigns.ProgressAsync(db, campaign.Id))!.State);
    }

    [Fact]
    public async Task A_send_claimed_by_a_node_that_died_is_queued_again()
    {
        await using var parc = await TestParc.CreateAsync();
        await Phones.AddRegisteredAsync(parc, parc.Mandar, 1, "m");
        await using var db = parc.NewDb();
        var campaign = await ResyncCampaigns.CreateAsync(db, parc.ClientId, null, ResyncTrigger.Client, "support@nlgs.admin", parc.Clock);
        await db.ResyncTargets.ExecuteUpdateAsync(u => u.SetProperty(t => t.State, ResyncTargetState.Sending).SetProperty(t => t.SentAt, parc.Clock.GetUtcNow()));
        var phones = new RecordingPhones();

        parc.Clock.Advance(TimeSpan.FromMinutes(3));
        await Task.WhenAll((await Pump(parc, db, phones, 5, 5).TickAsync()).Sends);

        Assert.Single(phones.Notified);
        Assert.Equal(1, (await ResyncCampaigns.ProgressAsync(db, campaign.Id))!.Targets[ResyncTargetState.Answered]);
    }

    private static ResyncPump Pump(TestParc parc, Sophia.Model.Data.SophiaDb db, ISipProbe phones, int perSecond, int perSite) => new(
        db, phones, parc.Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new RegistrationTrackingOptions { Resync = new ResyncOptions { PerSecond = perSecond, PerSite = perSite } }),
        parc.Clock, NullLogger<ResyncPump>.Instance);
}
