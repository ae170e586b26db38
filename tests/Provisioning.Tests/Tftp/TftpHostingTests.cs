using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sophia.Provisioning.Tftp;

namespace Sophia.Provisioning.Tests.Tftp;

[Collection(TftpNetworkCollection.Name)]
public sealed class TftpHostingTests
{
    [Fact(Timeout = 20_000)]
    public async Task AddTftp_binds_Sophia_Tftp_and_runs_the_server_as_a_hosted_service()
    {
        using var host = Build(new()
        {
            ["Sophia:Tftp:Port"] = "0",
            ["Sophia:Tftp:Addresses:0"] = "127.0.0.1",
            ["Sophia:Tftp:MaxSessionsPerAddress"] = "7",
            ["Sophia:Tftp:Timeout"] = "00:00:00.250",
        });

        await host.StartAsync();
        var server = host.Services.GetRequiredService<TftpServer>();
        using var client = new TestTftpClient();
        var download = await client.GetAsync(server.LocalEndPoints[0], "a.cfg");
        await host.StopAsync();

        var options = host.Services.GetRequiredService<IOptions<TftpOptions>>().Value;
        Assert.Equal(7, options.MaxSessionsPerAddress);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Timeout);
        Assert.Equal(["127.0.0.1"], options.Addresses);
        Assert.Equal("hello"u8.ToArray(), download.Content);
    }

    [Fact(Timeout = 20_000)]
    public async Task Invalid_settings_stop_the_host_from_starting()
    {
        using var host = Build(new()
        {
            ["Sophia:Tftp:Port"] = "70000",
            ["Sophia:Tftp:Addresses:0"] = "not-an-address",
            ["Sophia:Tftp:MaxSessions"] = "0",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Sophia:Tftp:Port must be 0..65535, not 70000.", error.Failures);
        Assert.Contains("Sophia:Tftp:Addresses has 'not-an-address', which is not an IP address.", error.Failures);
        Assert.Contains("Sophia:Tftp:MaxSessions must be at least 1.", error.Failures);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_disabled_server_binds_nothing()
    {
        using var host = Build(new() { ["Sophia:Tftp:Enabled"] = "false", ["Sophia:Tftp:Port"] = "0" });

        await host.StartAsync();
        var server = host.Services.GetRequiredService<TftpServer>();
        await host.StopAsync();

        Assert.Empty(server.LocalEndPoints);
    }

    [Fact]
    public void The_defaults_are_port_69_on_a_dual_stack_socket()
    {
        var options = new TftpOptions();

        Assert.True(options.Enabled);
        Assert.Equal(69, options.Port);
        Assert.Empty(options.Addresses);
        Assert.True(new TftpOptionsValidator().Validate(null, options).Succeeded);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<ITftpFileProvider>(new InMemoryTftpFileProvider().Add("a.cfg", "hello"u8.ToArray()));
        builder.Services.AddTftp(builder.Configuration);
        return builder.Build();
    }
}
