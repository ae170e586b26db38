using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sophia.Registration.Tests.RealPeers;

/// <summary>
/// A real program run by a test: output kept for failure messages, the whole process tree killed on dispose.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private const int KeptLines = 300;
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly bool terminateFirst;

    private PeerProcess(Process process, string name, bool terminateFirst)
    {
        this.process = process;
        Name = name;
        this.terminateFirst = terminateFirst;
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>The last lines the program wrote, for assertion messages.</summary>
    public string Output => string.Join('\n', output);

    /// <param name="terminateFirst">
    /// On dispose, SIGTERM before SIGKILL: for a program with children (Kamailio) that must reap them itself.
    /// </param>
    public static PeerProcess Start(string executable, IEnumerable<string> arguments, string workingDirectory, bool terminateFirst = false)
    {
        var info = new ProcessStartInfo(PeerBinaries.Require(executable))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var peer = new PeerProcess(process, Path.GetFileName(executable), terminateFirst);
        process.OutputDataReceived += (_, e) => peer.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Keep(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>SIGTERM: the program may clean up (baresip unregisters, Kamailio stops and reaps its children).</summary>
    public async Task TerminateAsync(TimeSpan within)
    {
        if (!await TryTerminateAsync(within))
        {
            Assert.Fail($"{Name} (pid {process.Id}) did not exit within {within} of SIGTERM. Output:\n{Output}");
        }
    }

    private async Task<bool> TryTerminateAsync(TimeSpan within)
    {
        if (process.HasExited)
        {
            return true;
        }
        using (var kill = Process.Start(PeerBinaries.Require("kill"), ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL to the whole tree: gone without a word, as a phone losing power.</summary>
    public async Task KillAsync(TimeSpan within)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await WaitForExitAsync(within);
    }

    public async Task WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} (pid {process.Id}) did not exit within {within}. Output:\n{Output}");
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        output.Enqueue(line);
        while (output.Count > KeptLines)
        {
            output.TryDequeue(out _);
        }
    }

    /// <summary>Kills the program's whole tree (after asking it to stop, if so made), so no process outlives the test.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!terminateFirst || !await TryTerminateAsync(TimeSpan.FromSeconds(3)))
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}
