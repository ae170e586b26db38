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

        var registrars = services.GetRequiredService<RegistrarDirectory>();
        var registrar = Assert.IsType<KamailioRpcClient>(registrars.Default);
        Assert.Equal(new Uri("http://127.0.0.1:5080/RPC"), registrar.RpcUrl);
        Assert.Same(registrar, registrars.For("15rp.sewan.eu"));
        var group = Assert.Single(registrars.Groups);
        Assert.Equal((registrar, 0, true), (group.Source, group.Domains.Count, group.ServesUnlisted));
        Assert.IsType<SipUdpClient>(services.GetRequiredService<ISipProbe>());
        Assert.Equal(TimeSpan.FromSeconds(5), services.GetRequiredService<IOptions<SipOptions>>().Value.Timers.TimerF);
    }

    [Fact]
    public async Task Without_an_rpc_url_every_client_is_probed_with_options_only()
    {
        await using var services = Build([]);

        var registrars = services.GetRequiredService<RegistrarDirectory>();
        Assert.Null(registrars.Default);
        Assert.Null(registrars.For("15rp.sewan.eu"));
        var options = Assert.Single(registrars.Groups);
        Assert.Null(options.Source);
        Assert.True(options.ServesUnlisted);
        Assert.Null(services.GetRequiredService<KamailioRegistrars>().Default);
    }

    [Fact]
    public async Task Each_client_is_served_by_the_registrar_configured_for_its_sip_domain_and_the_others_by_the_default()
    {
        await using var services = Build(new()
        {
            ["Sophia:Registration:Kamailio:RpcUrl"] = "http://127.0.0.1:5080/RPC",
            ["Sophia:Registration:Kamailio:Table"] = "location",
            ["Sophia:Registration:Clients:15RP.sewan.eu:RpcUrl"] = "http://127.0.0.1:5081/RPC",
            ["Sophia:Registration:Clients:15RP.sewan.eu:Table"] = "location_15rp",
            ["Sophia:Registration:Clients:autre.example.net:RpcUrl"] = "http://127.0.0.1:5081/RPC",
            ["Sophia:Registration:Clients:autre.example.net:Table"] = "location_15rp",
            ["Sophia:Registration:Clients:siege.example.org:Source"] = "options",
            ["Sophia:Registration:Clients:same.example.org:RpcUrl"] = "http://127.0.0.1:5080/RPC",
        });

        var registrars = services.GetRequiredService<RegistrarDirectory>();

        var global = Assert.IsType<KamailioRpcClient>(registrars.Default);
        var own = Assert.IsType<KamailioRpcClient>(registrars.For("15rp.sewan.eu"));
        Assert.Equal((new Uri("http://127.0.0.1:5081/RPC"), "location_15rp"), (own.RpcUrl, own.Table));
        Assert.Same(own, registrars.For("Autre.Example.Net"));
        Assert.Null(registrars.For("siege.example.org"));
        Assert.Same(global, registrars.For("elsewhere.example.com"));
        Assert.Same(global, registrars.For("same.example.org"));
        Assert.Equal(("location", "kamailio http://127.0.0.1:5081/RPC"), (global.Table, RegistrarDirectory.Describe(own)));

        Assert.Equal(3, registrars.Groups.Count);
        Assert.Equal((global, true), (registrars.Groups[0].Source, registrars.Groups[0].ServesUnlisted));
        Assert.Equal(["same.example.org"], registrars.Groups[0].Domains);
        Assert.Equal((own, false), (registrars.Groups[1].Source, registrars.Groups[1].ServesUnlisted));
        Assert.Equal(["15rp.sewan.eu", "autre.example.net"], registrars.Groups[1].Domains);
        Assert.Equal((null, false), (registrars.Groups[2].Source, registrars.Groups[2].ServesUnlisted));
        Assert.Equal(["siege.example.org"], registrars.Groups[2].Domains);
    }

    [Fact]
    public async Task An_options_only_entry_wins_over_the_global_registrar_and_a_registrar_entry_over_options_only()
    {
        await using var services = Build(new()
        {
            ["Sophia:Registration:Clients:15rp.sewan.eu:RpcUrl"] = "http://127.0.0.1:5081/RPC",
            ["Sophia:Registration:Clients:autre.example.net:Source"] = "OPTIONS",
        });

        var registrars = services.GetRequiredService<RegistrarDirectory>();

        Assert.Equal(new Uri("http://127.0.0.1:5081/RPC"), Assert.IsType<KamailioRpcClient>(registrars.For("15rp.sewan.eu")).RpcUrl);
        Assert.Null(registrars.For("autre.example.net"));
        Assert.Null(registrars.For("elsewhere.example.com"));
        Assert.Equal([false, true], registrars.Groups.Select(g => g.ServesUnlisted));
        Assert.Equal(["autre.example.net"], registrars.Groups[1].Domains);
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

    [Fact]
    public async Task A_global_registrar_URL_with_credentials_is_refused_without_repeating_them()
    {
        await using var services = Build(new() { ["Sophia:Registration:Kamailio:RpcUrl"] = "http://admin:s3cret@127.0.0.1:5080/RPC" });

        var kamailio = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KamailioOptions>>().Value);
        var message = Assert.Single(kamailio.Failures);
        Assert.StartsWith("Sophia:Registration:Kamailio:RpcUrl must not carry credentials", message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_client_entries_are_refused_at_start_each_naming_its_key()
    {
        await using var services = Build(new()
        {
            ["Sophia:Registration:Clients:a.example:Source"] = "sip",
            ["Sophia:Registration:Clients:b.example:Source"] = "options",
            ["Sophia:Registration:Clients:b.example:RpcUrl"] = "http://127.0.0.1:5081/RPC",
            ["Sophia:Registration:Clients:c.example:Table"] = "location",
            ["Sophia:Registration:Clients:d.example:RpcUrl"] = "127.0.0.1:5081",
            ["Sophia:Registration:Clients:e.example:RpcUrl"] = "http://127.0.0.1:5081/RPC",
            ["Sophia:Registration:Clients:e.example:Table"] = " ",
            ["Sophia:Registration:Clients:not a domain:Source"] = "options",
            ["Sophia:Registration:Clients:f.example:RpcUrl"] = "http://admin:s3cret@127.0.0.1:5081/RPC",
            ["Sophia:Registration:Clients:fine.example:Source"] = "Kamailio",
            ["Sophia:Registration:Clients:fine.example:RpcUrl"] = "https://127.0.0.1:5081/RPC",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RegistrarSelectionOptions>>().Value);

        Assert.Equal(7, failure.Failures.Count());
        Assert.Contains("Sophia:Registration:Clients:a.example:Source must be kamailio or options, not 'sip'.", failure.Failures);
        Assert.Contains(failure.Failures, f => f.StartsWith("Sophia:Registration:Clients:b.example: Source=options means no registrar", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Sophia:Registration:Clients:c.example:RpcUrl is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Sophia:Registration:Clients:d.example:RpcUrl must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains("Sophia:Registration:Clients:e.example:Table must name a usrloc table.", failure.Failures);
        Assert.Contains(failure.Failures, f => f.StartsWith("Sophia:Registration:Clients:not a domain: 'not a domain' is not a SIP domain", StringComparison.Ordinal));
        Assert.Contains("Sophia:Registration:Clients:f.example:RpcUrl must not carry credentials; keep Kamailio's RPC on a private address instead.", failure.Failures);
        Assert.DoesNotContain(failure.Failures, f => f.Contains("s3cret", StringComparison.Ordinal));
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<RegistrarDirectory>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddRegistration(configuration).BuildServiceProvider();
    }
}
