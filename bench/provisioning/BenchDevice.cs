using System.Text;

namespace Sophia.Bench.Provisioning;

/// <summary>
/// One generated phone as the load tools see it: whose credentials it fetches with, the User-Agent it sends and
/// the two files it asks for at boot. One TSV line per device, read by storm.lua and by <see cref="Priming"/>.
/// </summary>
public sealed record BenchDevice(string User, string Password, string UserAgent, string FirstPath, string SecondPath)
{
    public string BasicCredentials => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));

    public static void WriteAll(string path, IEnumerable<BenchDevice> devices) =>
        File.WriteAllLines(path, devices.Select(d => string.Join('\t', d.User, d.Password, d.BasicCredentials, d.UserAgent, d.FirstPath, d.SecondPath)));

    public static IReadOnlyList<BenchDevice> ReadAll(string path) =>
        [.. File.ReadLines(path).Select(line => line.Split('\t')).Select(f => new BenchDevice(f[0], f[1], f[3], f[4], f[5]))];
}
