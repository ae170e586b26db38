using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Sophia.Server.Tests.Fixtures;

namespace Sophia.Server.Tests.Hosting;

/// <summary>Liveness apart from readiness: the database down makes a node unready, a silent registrar only degraded.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task A_node_with_its_database_is_live_and_ready_and_health_stays_the_readiness_alias()
    {
        using var sophia = new SophiaFactory();
        var http = sophia.CreateClient();

        Assert.Equal("live", (await http.GetJson("/health/live")).Str("status"));
        var ready = await http.GetJson("/health/ready");
        Assert.Equal("ready", ready.Str("status"));
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("database").Str("status"));
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("registrars").Str("status"));
        Assert.Equal("ready", (await http.GetJson("/health")).Str("status"));
    }

    [Fact]
    public async Task A_node_whose_database_file_is_gone_is_live_but_not_ready()
    {
        using var sophia = new SophiaFactory();
        var http = sophia.CreateClient();
        await http.GetJson("/health/ready");

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(sophia.DataDirectory, "sophia.db*"))
        {
            File.Delete(file);
        }

        Assert.Equal("live", (await http.GetJson("/health/live")).Str("status"));
        var response = await http.GetAsync("/health/ready");
        var text = await response.Content.ReadAsStringAsync();
        var ready = await response.Json(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unavailable", ready.Str("status"));
        Assert.Equal("unhealthy", ready.GetProperty("checks").GetProperty("database").Str("status"));
        // A short reason for an anonymous caller: not where the data lives, not the failing SQL.
        Assert.DoesNotContain(sophia.DataDirectory, text, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT", text, StringComparison.OrdinalIgnoreCase);
        await (await http.GetAsync("/health")).Json(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_registrar_that_does_not_answer_leaves_the_node_ready_but_degraded_without_naming_it()
    {
        // A port nobody listens on: the connection is refused at once.
        var port = FreePort();
        using var sophia = new SophiaFactory();
        sophia.Settings["Sophia:Registration:Kamailio:RpcUrl"] = $"http://127.0.0.1:{port}/RPC";
        sophia.Settings["Sophia:Registration:ReconcileSeconds"] = "0";
        var http = sophia.CreateClient();

        var response = await http.GetAsync("/health/ready");
        var text = await response.Content.ReadAsStringAsync();
        var ready = await response.Json(HttpStatusCode.OK);

        Assert.Equal("degraded", ready.Str("status"));
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("database").Str("status"));
        var registrars = ready.GetProperty("checks").GetProperty("registrars");
        Assert.Equal("degraded", registrars.Str("status"));
        Assert.StartsWith("1 of 1 registrar(s) do not answer", registrars.Str("reason"), StringComparison.Ordinal);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registrar_that_answers_json_rpc_keeps_the_node_ready()
    {
        using var kamailio = new HttpListener();
        var port = FreePort();
        kamailio.Prefixes.Add($"http://127.0.0.1:{port}/");
        kamailio.Start();
        var answering = Task.Run(async () =>
        {
            while (kamailio.IsListening)
            {
                var context = await kamailio.GetContextAsync();
                var body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","result":["kamailio 5.6.3"],"id":1}""");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
        using var sophia = new SophiaFactory();
        sophia.Settings["Sophia:Registration:Kamailio:RpcUrl"] = $"http://127.0.0.1:{port}/RPC";
        sophia.Settings["Sophia:Registration:ReconcileSeconds"] = "0";

        var ready = await sophia.CreateClient().GetJson("/health/ready");

        Assert.Equal("ready", ready.Str("status"));
        Assert.Equal("1 registrar(s) answer", ready.GetProperty("checks").GetProperty("registrars").Str("reason"));
        kamailio.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => answering);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
