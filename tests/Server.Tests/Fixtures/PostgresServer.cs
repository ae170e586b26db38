using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Sophia.Server.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL server (Debian's), in a temporary cluster on a free loopback port, for the tests that run
/// Sophia on its scale-out database. As root, the cluster runs as the <c>postgres</c> system user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"sophia-pg-{Guid.NewGuid():N}");
    private Process? server;

    public int Port { get; } = FreePort();

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    public async Task InitializeAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (./test.sh does it).");
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await Run("chown", $"postgres {directory}");
        }
        await Run(asRoot ? "runuser" : Path.Combine(bin, "initdb"),
            (asRoot ? $"-u postgres -- {Path.Combine(bin, "initdb")} " : "") + $"-D {directory}/data --auth=trust --username=postgres --encoding=UTF8 --no-sync");
        var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(bin, "postgres"))
        {
            Arguments = (asRoot ? $"-u postgres -- {Path.Combine(bin, "postgres")} " : "")
                + $"-D {directory}/data -p {Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        server = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A new empty database for one Sophia.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"sophia_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        server?.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    private static async Task Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed: {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
