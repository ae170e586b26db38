using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Data;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.Rendering;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Drift;

/// <summary>
/// The demo parc with the provisioning module as <c>AddProvisioning</c> registers it, its renderer counted, and contexts
/// that count the commands they send.
/// </summary>
internal sealed class ProvisioningParc : IAsyncDisposable
{
    public const string ServerUrl = "https://prov.sophia.test/prov/";

    private readonly ServiceProvider services;

    private ProvisioningParc(TestParc parc, ServiceProvider services)
    {
        Parc = parc;
        this.services = services;
        Renderer = services.GetRequiredService<CountingRenderer>();
    }

    public TestParc Parc { get; }

    /// <summary>How many files were rendered, cache aside.</summary>
    public CountingRenderer Renderer { get; }

    public static async Task<ProvisioningParc> CreateAsync()
    {
        var parc = await TestParc.CreateDemoAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sophia:Provisioning:ServerUrl"] = ServerUrl })
            .Build();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(parc.Clock)
            .AddScoped<SophiaDb>(_ => parc.NewDb())
            .AddSingleton<CountingRenderer>(sp => new CountingRenderer(sp.GetRequiredService<ConfigRenderer>()))
            .AddSingleton<IConfigRenderer>(sp => sp.GetRequiredService<CountingRenderer>());
        collection.AddProvisioning(configuration);
        return new ProvisioningParc(parc, collection.BuildServiceProvider());
    }

    /// <summary>A service in a scope of its own, as a request would get it.</summary>
    public T Get<T>()
        where T : notnull => services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <summary>A context on the parc's database that counts the commands it sends.</summary>
    public SophiaDb CountingDb(CommandCounter counter) => new SqliteSophiaDb((DbContextOptions<SqliteSophiaDb>)new DbContextOptionsBuilder<SqliteSophiaDb>()
        .UseSophiaSqlite(Parc.Db.Database.GetConnectionString()!, Parc.Clock).AddInterceptors(counter).Options);

    /// <summary>Records that <paramref name="mac"/> got <paramref name="file"/> in <paramref name="version"/> with <paramref name="status"/>.</summary>
    public async Task FetchedAsync(MacAddress mac, string file, string? version, int status = 200)
    {
        await using var db = Parc.NewDb();
        db.FetchEvents.Add(new FetchEvent
        {
            At = Parc.Clock.GetUtcNow(),
            Protocol = FetchProtocol.Http,
            SourceIp = "192.0.2.10",
            Mac = mac.ToString(),
            File = file,
            Status = status,
            Version = version,
        });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Parc.DisposeAsync();
    }
}

/// <summary>The real renderer, counting the files it renders.</summary>
internal sealed class CountingRenderer(ConfigRenderer inner) : IConfigRenderer
{
    private int renders;

    public int Renders => Volatile.Read(ref renders);

    public string TemplateVersion => inner.TemplateVersion;

    public Task<RenderedFile?> RenderAsync(SophiaDb db, FileRequest request, ProvisioningContext context, CancellationToken ct)
    {
        Interlocked.Increment(ref renders);
        return inner.RenderAsync(db, request, context, ct);
    }

    public Task<ConfigPreview?> RenderPreviewAsync(SophiaDb db, MacAddress mac, string fileName, bool revealSecrets, ProvisioningContext context, CancellationToken ct) =>
        inner.RenderPreviewAsync(db, mac, fileName, revealSecrets, context, ct);

    public Task<TemplateImpact> ImpactAsync(SophiaDb db, string templateFile, CancellationToken ct) => inner.ImpactAsync(db, templateFile, ct);
}

/// <summary>Counts the commands a context sends to the database.</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    private int commands;

    public int Commands => Volatile.Read(ref commands);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref commands);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
