using Microsoft.EntityFrameworkCore;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Stock;
using Sophia.Provisioning.Drift;

namespace Sophia.Provisioning.Tests.Drift;

/// <summary>A DECT base's file holds its handsets' users' accounts: a change to one of them is a change pending on the base.</summary>
public sealed class DectHandsetDriftTests
{
    private static readonly Uri ApiBase = new("https://api.sophia.test/prov/");
    private static readonly MacAddress Base = MacAddress.Parse("80:5E:C0:70:0B:01");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_change_to_the_user_of_handset_2_marks_the_base_file_pending(bool password)
    {
        await using var prov = await ProvisioningParc.CreateAsync();
        var equipment = await prov.Parc.AddEquipmentAsync(Base, "yealink-w70b", prov.Parc.Mandar, prov.Parc.Picard);
        await using var db = prov.Parc.NewDb();
        db.DectHandsets.Add(new DectHandset { EquipmentId = equipment.Id, Number = 2, UserId = prov.Parc.Lu });
        await db.SaveChangesAsync();
        var file = $"{Base}.cfg";
        var drift = prov.Get<ProvisioningDrift>();
        var fetched = (await drift.FilesAsync(db, Base, ApiBase, CancellationToken.None)).Single(f => f.Drift.File == file).Drift.CurrentVersion;
        await prov.FetchedAsync(Base, file, fetched);
        Assert.DoesNotContain(await drift.FilesAsync(db, Base, ApiBase, CancellationToken.None), f => f.Drift.Pending);

        var lu = await db.Users.SingleAsync(u => u.Id == prov.Parc.Lu);
        if (password)
        {
            lu.SipPassword = "a-new-sip-password";
        }
        else
        {
            lu.LastName = "Lu-Martin";
        }
        await db.SaveChangesAsync();

        var after = (await drift.FilesAsync(db, Base, ApiBase, CancellationToken.None)).Single(f => f.Drift.File == file).Drift;
        Assert.True(after.Pending);
        Assert.NotEqual(fetched, after.CurrentVersion);
    }
}
