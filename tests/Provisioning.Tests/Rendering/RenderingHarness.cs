using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sophia.DeviceModels.Settings;
using Sophia.Provisioning.Rendering;
using Sophia.Provisioning.Templates;
using Sophia.Testing;

namespace Sophia.Provisioning.Tests.Rendering;

/// <summary>The demo parc with the rendering services as the server registers them, at a fixed date.</summary>
public sealed class RenderingHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);
    public const string ServerUrl = "https://prov.sophia.test/prov/";

    private readonly ServiceProvider services;

    private RenderingHarness(ServiceProvider services, TestParc parc, DeviceSettings seldonSettings)
    {
        this.services = services;
        Parc = parc;
        SeldonSettings = seldonSettings;
        Store = services.GetRequiredService<TemplateStore>();
        Renderer = services.GetRequiredService<IConfigRenderer>();
        Context = services.GetRequiredService<ProvisioningContextFactory>().Create(new Uri("http://request.test/prov/"));
    }

    public IServiceProvider Services => services;

    public TestParc Parc { get; }
    public TemplateStore Store { get; }
    public IConfigRenderer Renderer { get; }
    public ProvisioningContext Context { get; }

    /// <summary>The settings the demo gives Cédric Seldon's T46S, for other phones of his.</summary>
    public DeviceSettings SeldonSettings { get; }

    public static async Task<RenderingHarness> CreateAsync(string? templateDirectory = null, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Sophia:Provisioning:ServerUrl"] = ServerUrl,
            ["Sophia:Provisioning:TemplateDirectory"] = templateDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var parc = await TestParc.CreateDemoAsync();
        var collection = new ServiceCollection();
        // The store reads the operator's overrides from the parc's database, as the server's does.
        collection.AddScoped(_ => parc.NewDb());
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        collection.AddProvisioningRendering(configuration);
        collection.AddScoped<TemplateOperations>();
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var seldonSettings = await parc.Db.Equipment.AsNoTracking().Where(e => e.Mac == TestParc.SeldonT46S).Select(e => e.Settings).SingleAsync();
        return new RenderingHarness(provider, parc, seldonSettings);
    }

    /// <summary>The file as the phone would get it; fails when there is none.</summary>
    public async Task<RenderedFile> RenderAsync(string fileName)
    {
        Assert.True(FileRequest.TryParse(fileName, out var request), $"{fileName} is not a Sophia file");
        await using var db = Parc.NewDb();
        var file = await Renderer.RenderAsync(db, request, Context, CancellationToken.None);
        Assert.NotNull(file);
        return file;
    }

    public async Task<string> TextAsync(string fileName) => Text(await RenderAsync(fileName));

    public static string Text(RenderedFile file) => Encoding.UTF8.GetString(file.Content);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Parc.DisposeAsync();
    }
}
