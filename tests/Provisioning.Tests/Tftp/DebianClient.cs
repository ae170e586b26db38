using System.Diagnostics;

namespace Sophia.Provisioning.Tests.Tftp;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}

/// <summary>Runs a TFTP client from Debian as a process. A missing client fails the test and names its package.</summary>
internal static class DebianClient
{
    public static string Require(string program, string package)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/bin"])
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            Assert.Fail($"'{program}' is not installed: this end-to-end test needs the Debian package '{package}' (apt-get install {package}).");
        }

        return path;
    }

    public static async Task<ProcessResult> RunAsync(string program, string package, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Require(program, package))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{program} {string.Join(' ', start.ArgumentList)} did not finish in time.\nstdout: {await output}\nstderr: {await error}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
