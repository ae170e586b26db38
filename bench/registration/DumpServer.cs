using System.Globalization;
using System.Text.Json;

namespace Sophia.Bench.Registration;

/// <summary>
/// The registrar side, in its own process so the client's memory is measured alone: serves the generated dump on
/// <c>POST /RPC</c> for method <c>ul.dump</c>, with a Content-Length as Kamailio's xhttp does.
/// </summary>
internal static class DumpServer
{
    public static async Task<int> RunAsync(int devices)
    {
        var directory = Directory.CreateTempSubdirectory("sophia-bench-registration-").FullName;
        try
        {
            var dump = Path.Combine(directory, "ul-dump.json");
            var (bytes, bindings) = await DumpFile.WriteAsync(dump, devices);

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            await using var app = builder.Build();
            app.MapPost("/RPC", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                return body.RootElement.GetProperty("method").GetString() == "ul.dump"
                    ? Results.File(dump, "application/json")
                    : Results.Json(new { jsonrpc = "2.0", error = new { code = 500, message = "Method Not Found" }, id = 1 }, statusCode: 500);
            });
            await app.StartAsync();

            var address = app.Urls.First();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"serving {address}/RPC {bytes} {bindings}"));
            // The benchmark closes our stdin when it is done with us.
            await Console.In.ReadToEndAsync();
            await app.StopAsync();
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
