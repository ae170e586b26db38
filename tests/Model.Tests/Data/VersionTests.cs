using Microsoft.EntityFrameworkCore;
using Sophia.Testing;

namespace Sophia.Model.Tests.Data;

public sealed class VersionTests
{
    [Fact]
    public async Task Every_save_moves_the_version_and_a_stale_writer_fails_without_changing_anything()
    {
        await using var parc = await TestParc.CreateAsync();
        var site = await parc.Db.Sites.SingleAsync(s => s.Id == parc.Mandar);
        Assert.Equal(1, site.Version);

        await using var stale = parc.NewDb();
        var staleSite = await stale.Sites.SingleAsync(s => s.Id == parc.Mandar);

        site.Name = "Mandar 2";
        await parc.Db.SaveChangesAsync();
        Assert.Equal(2, site.Version);

        staleSite.Name = "Lost update";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        Assert.Equal("Mandar 2", (await parc.NewDb().Sites.SingleAsync(s => s.Id == parc.Mandar)).Name);
    }
}
