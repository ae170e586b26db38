using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using Sophia.Model.Registration;
using Sophia.Model.Rules;
using Sophia.Registration.Registrar;
using Sophia.Registration.Resync;
using Sophia.Registration.Sip;
using Sophia.Registration.Store;
using Sophia.Testing;
using static Sophia.Registration.Tests.Diagnostics.RegistrationViewsTests;

namespace Sophia.Registration.Tests.Resync;

/// <summary>Resyncs asked for by hand as operations: the caller and the input in, a result or coded errors out.</summary>
public sealed class ResyncOperationsTests
{
    [Fact]
    public async Task Resyncing_a_phone_with_no_known_contact_is_a_coded_conflict_naming_its_state()
    {
        await using var parc = await TestParc.CreateAsync();
        await parc.AddPhoneAsync("00:15:65:00:00:01", "m1");
        var sip = Substitute.For<ISipProbe>();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Resyncs(parc, sip, Substitute.For<IBackgroundJobClient>()).ResyncPhoneAsync(parc.AdminCaller, "00:15:65:00:00:01", CancellationToken.None));

        AssertError(error, RuleViolationKind.Conflict, "mac", "resync.noContact");
        Assert.Equal("never checked", error.Errors[0].Args["state"]);
        await sip.DidNotReceiveWithAnyArgs().SendCheckSyncAsync(default!, default, default);
    }

    [Fact]
    public async Task A_site_campaign_queues_the_registered_phones_and_another_clients_campaign_reads_as_not_found()
    {
        await using var parc = await TestParc.CreateAsync();
        var ids = await parc.AddPhonesAsync("m", 2);
        await using (var db = parc.NewDb())
        {
            await new EfRegistrationStore(db, parc.Clock).SyncAsync(100);
            await db.RegistrationStatuses.Where(s => s.EquipmentId == ids[0])
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, "registered").SetProperty(s => s.Contact, "sip:m0@192.0.2.1:5060"));
        }
        var (other, _) = await parc.AddClientAsync("Autre", "autre.example.net");
        var jobs = Substitute.For<IBackgroundJobClient>();
        var resyncs = Resyncs(parc, Substitute.For<ISipProbe>(), jobs);

        var campaign = await resyncs.ResyncSiteAsync(parc.AdminCaller, parc.Mandar, CancellationToken.None);

        Assert.Equal((ResyncCampaignState.Running, ResyncTrigger.Site, 2, 1, 1), (campaign.State, campaign.Trigger, campaign.Total, campaign.Pending, campaign.Skipped));
        Assert.Equal(TestParc.Admin15Rp, campaign.RequestedBy);
        jobs.Received(1).Create(Arg.Is<Job>(j => j.Type == typeof(ResyncPump)), Arg.Any<EnqueuedState>());
        foreach (var view in new Func<Task>[]
        {
            () => resyncs.CampaignAsync(Admin(other), campaign.Id, CancellationToken.None),
            () => resyncs.CancelAsync(Admin(other), campaign.Id, CancellationToken.None),
        })
        {
            AssertError(await Assert.ThrowsAsync<RuleViolationException>(view), RuleViolationKind.NotFound, "campaignId", "campaign.notFound");
        }
        AssertError(await Assert.ThrowsAsync<RuleViolationException>(() => resyncs.ResyncClientAsync(Admin(other), parc.ClientId, CancellationToken.None)),
            RuleViolationKind.NotFound, "clientId", "client.notFound");

        var cancelled = await resyncs.CancelAsync(parc.AdminCaller, campaign.Id, CancellationToken.None);
        Assert.Equal((ResyncCampaignState.Cancelled, 0, 1), (cancelled.State, cancelled.Pending, cancelled.Cancelled));
    }

    [Fact]
    public async Task A_campaign_with_nothing_to_send_is_completed_at_once_and_queues_no_job()
    {
        await using var parc = await TestParc.CreateAsync();
        await parc.AddPhonesAsync("m", 2);
        var jobs = Substitute.For<IBackgroundJobClient>();

        var campaign = await Resyncs(parc, Substitute.For<ISipProbe>(), jobs).ResyncClientAsync(TestParc.HelpdeskCaller, parc.ClientId, CancellationToken.None);

        Assert.Equal((ResyncCampaignState.Completed, ResyncTrigger.Client, 2, 2), (campaign.State, campaign.Trigger, campaign.Total, campaign.Skipped));
        jobs.DidNotReceiveWithAnyArgs().Create(default!, default!);
    }

    private static ResyncOperations Resyncs(TestParc parc, ISipProbe sip, IBackgroundJobClient jobs) =>
        new(parc.Db, new PhoneResync(sip, parc.Clock), new RegistrarDirectory(null), jobs, parc.Clock);
}
