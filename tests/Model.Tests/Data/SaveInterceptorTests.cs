using Microsoft.EntityFrameworkCore;
using Sophia.Model.Data;
using Sophia.Testing;

namespace Sophia.Model.Tests.Data;

/// <summary>
/// Every save, asynchronous or not, moves versions and config stamps in the same transaction, dated by the clock the
/// host injects; a context built without the interceptor that does it is refused rather than silently stamping nothing.
/// </summary>
public sealed class SaveInterceptorTests
{
    [Fact]
    public async Task A_synchronous_save_stamps_the_client_at_the_injected_clocks_time_and_moves_the_version()
    {
        await using var parc = await TestParc.CreateAsync();
        parc.Clock.Advance(TimeSpan.FromDays(400));
        await using var db = parc.NewDb();
        var site = db.Sites.Single(s => s.Id == parc.Mandar);
        var version = site.Version;

        site.TimeZone = "Europe/London";
        db.SaveChanges();

        var stamp = await db.ConfigStamps.AsNoTracking().SingleAsync(s => s.ClientId == parc.ClientId);
        Assert.Equal(parc.Clock.GetUtcNow(), stamp.ChangedAt);
        Assert.Equal(version + 1, site.Version);
    }

    [Fact]
    public async Task An_asynchronous_save_stamps_at_the_injected_clocks_time()
    {
        await using var parc = await TestParc.CreateAsync();
        parc.Clock.Advance(TimeSpan.FromHours(5));
        await using var db = parc.NewDb();
        (await db.Sites.SingleAsync(s => s.Id == parc.Wagram)).Name = "Wagram 2";

        await db.SaveChangesAsync();

        Assert.Equal(parc.Clock.GetUtcNow(), (await db.ConfigStamps.AsNoTracking().SingleAsync(s => s.ClientId == parc.ClientId)).ChangedAt);
    }

    [Fact]
    public void A_context_without_the_save_interceptor_is_refused()
    {
        var options = new DbContextOptionsBuilder<SqliteSophiaDb>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteSophiaDb(options);
        var error = Assert.Throws<InvalidOperationException>(() => db.Model);
        Assert.Contains("SaveInterceptor", error.Message, StringComparison.Ordinal);
    }
}
