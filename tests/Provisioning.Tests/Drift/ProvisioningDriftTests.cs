using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.Drift;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Drift;

public sealed class ProvisioningDriftTests
{
    private static readonly Uri ApiBase = new("https://api.sophia.test/prov/");
    private const string SeldonConfig = "001565988c06.cfg";
    private const string SeldonPhonebook = "001565988c06-phonebook.xml";

    [Fact]
    public async Task A_phone_that_fetched_an_old_version_has_that_file_pending_and_a_phone_that_never_fetched_has_nothing_pending()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        var drift = prov.Get<IProvisioningDrift>();
        Assert.Same(prov.Get<ProvisioningDrift>(), drift);
        await using var db = prov.Parc.NewDb();
        var before = (await drift.FilesAsync(db, [TestParc.SeldonT46S], ApiBase, CancellationToken.None))[TestParc.SeldonT46S];
        var current = before.ToDictionary(f => f.File, f => f.CurrentVersion);

        await prov.FetchedAsync(TestParc.SeldonT46S, SeldonConfig, "an-older-version");
        await prov.FetchedAsync(TestParc.SeldonT46S, SeldonPhonebook, current[SeldonPhonebook]);
        // Neither a challenge nor a refusal is what the phone holds.
        await prov.FetchedAsync(TestParc.SeldonT46S, SeldonPhonebook, "refused", status: 403);
        var files = await drift.FilesAsync(db, [TestParc.SeldonT46S, TestParc.LuVvx450, MacAddress.Parse("00:15:65:12:34:56")], ApiBase, CancellationToken.None);

        Assert.Equal([TestParc.LuVvx450, TestParc.SeldonT46S], files.Keys.OrderBy(m => m.ToString()));
        var seldon = files[TestParc.SeldonT46S];
        Assert.Equal(["y000000000066.cfg", SeldonConfig, SeldonPhonebook], seldon.Select(f => f.File));
        Assert.Equal([false, true, false], seldon.Select(f => f.Pending));
        Assert.Equal(("an-older-version", current[SeldonConfig]), (seldon[1].FetchedVersion, seldon[1].CurrentVersion));
        Assert.Null(seldon[0].FetchedAt);
        var lu = files[TestParc.LuVvx450];
        Assert.Equal(3, lu.Count);
        Assert.All(lu, f => Assert.Equal((false, null, true), (f.Pending, f.FetchedVersion, f.CurrentVersion is not null)));

        // The phone fetches again and answers 304 with the version it holds: nothing pending any more.
        await prov.FetchedAsync(TestParc.SeldonT46S, SeldonConfig, current[SeldonConfig], status: 304);
        Assert.DoesNotContain(await prov.Get<ProvisioningDrift>().FilesAsync(db, TestParc.SeldonT46S, ApiBase, CancellationToken.None), f => f.Drift.Pending);
    }

    [Fact]
    public async Task A_second_look_at_unchanged_phones_renders_nothing_and_a_change_of_their_client_renders_them_again()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        var drift = prov.Get<IProvisioningDrift>();
        await using var db = prov.Parc.NewDb();
        MacAddress[] phones = [TestParc.SeldonT46S, TestParc.LuVvx450];

        var first = await drift.FilesAsync(db, phones, ApiBase, CancellationToken.None);
        var rendered = prov.Renderer.Renders;
        var second = await drift.FilesAsync(db, phones, ApiBase, CancellationToken.None);

        Assert.Equal(6, rendered);
        Assert.Equal(rendered, prov.Renderer.Renders);
        Assert.Equal(first.Values.SelectMany(f => f), second.Values.SelectMany(f => f));

        // A change to 15RP gives it a new config stamp: both phones' own files render again, the shared Yealink file not.
        var seldon = await db.Users.SingleAsync(u => u.Id == prov.Parc.Seldon);
        seldon.Function = "Support";
        await db.SaveChangesAsync();
        await drift.FilesAsync(db, phones, ApiBase, CancellationToken.None);

        Assert.Equal(rendered + 5, prov.Renderer.Renders);
    }

    [Fact]
    public async Task The_fetch_log_and_the_phones_are_read_in_one_query_each_however_many_phones_are_asked_about()
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        await prov.Parc.AddPhonesAsync("p", 40);
        await using (var read = prov.Parc.NewDb())
        {
            foreach (var mac in await read.Equipment.Where(e => e.UserId != null).Select(e => e.Mac).ToListAsync())
            {
                await prov.FetchedAsync(mac, $"{mac}.cfg", "an-older-version");
            }
        }
        var drift = prov.Get<IProvisioningDrift>();
        await using var db = prov.Parc.NewDb();
        var all = await db.Equipment.Select(e => e.Mac).ToListAsync();
        await drift.FilesAsync(db, all, ApiBase, CancellationToken.None);

        var one = new CommandCounter();
        await using (var counted = prov.CountingDb(one))
        {
            await drift.FilesAsync(counted, [TestParc.SeldonT46S], ApiBase, CancellationToken.None);
        }
        var many = new CommandCounter();
        IReadOnlyDictionary<MacAddress, IReadOnlyList<FileDrift>> files;
        await using (var counted = prov.CountingDb(many))
        {
            files = await drift.FilesAsync(counted, all, ApiBase, CancellationToken.None);
        }

        Assert.Equal((2, 2), (one.Commands, many.Commands));
        Assert.Equal(45, files.Count);
        var assigned = files.Where(p => p.Value.Any(f => f.Pending)).Select(p => p.Key).ToList();
        Assert.Equal(42, assigned.Count);
        Assert.All(assigned, mac => Assert.Equal($"{mac}.cfg", Assert.Single(files[mac], f => f.Pending).File));
    }
}
