using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sophia.Registration.Kamailio;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;

namespace Sophia.Registration.Tests;

public sealed class RegistrationServiceCollectionTests
{
    [Fact]
    public async Task The_configured_rpc_url_becomes_the_default_registrar_and_the_sip_settings_are_bound()
    {
        await using var services = Build(new()
        {
            ["Sophia:Registration:Kamailio:RpcUrl"] = "http://127.0.0.1:5080/RPC",
            ["Sophia:Registration:Sip:LocalPort"] = "0",
            ["Sophia:Registration:Sip:TransactionTimeout"] = "00:00:05",
        });

        var registrar = Assert.IsType<KamailioRpcClient>(services.GetRequiredService<IRegistrarSource>());
        Assert.Equal(new Uri("http://127.0.0.1:5080/RPC"), registrar.RpcUrl);
        Assert.IsType<SipUdpClient>(services.GetRequiredService<ISipProbe>());
        Assert.Equal(TimeSpan.FromSeconds(5), services.GetRequiredService<IOptions<SipOptions>>().Value.Timers.TimerF);
    }

    [Fact]
    public async Task Without_an_rpc_url_there_is_no_default_registrar()
    {
        await using var services = Build([]);

        Assert.Null(services.GetService<IRegistrarSource>());
        Assert.Null(services.GetRequiredService<KamailioRegistrars>().Default);
    }

    [Fact]
    public async Task Broken_settings_are_refused_naming_the_setting()
    {
        await using var services = Build(new()
        {
            ["Sophia:Registration:Sip:LocalAddress"] = "everywhere",
            ["Sophia:Registration:Sip:TransactionTimeout"] = "00:01:00",
            ["Sophia:Registration:Kamailio:RpcUrl"] = "ftp://127.0.0.1/RPC",
        });

        var sip = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SipOptions>>().Value);
        Assert.Contains(sip.Failures, f => f.Contains("Sophia:Registration:Sip:LocalAddress", StringComparison.Ordinal));
        Assert.Contains(sip.Failures, f => f.Contains("TransactionTimeout", StringComparison.Ordinal));
        var kamailio = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KamailioOptions>>().Value);
        Assert.Contains("RpcUrl", Assert.Single(kamailio.Failures), StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddRegistration(configuration).BuildServiceProvider();
    }
}
