using Microsoft.EntityFrameworkCore;

namespace Sophia.Model.Tests.Data;

public sealed class VersionTests
{
    [Fact]
    public async Task Every_save_moves_the_version_and_a_stale_writer_fails_without_changing_anything()
    {
        await using var test = await TestDb.CreateAsync();
        Assert.Equal(1, test.Site.Version);

        var stale = test.NewContext();
        var staleSite = await stale.Sites.SingleAsync(s => s.Id == test.Site.Id);

        test.Site.Name = "Mandar 2";
        await test.Db.SaveChangesAsync();
        Assert.Equal(2, test.Site.Version);

        staleSite.Name = "Lost update";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        Assert.Equal("Mandar 2", (await test.NewContext().Sites.SingleAsync(s => s.Id == test.Site.Id)).Name);
    }
}
