using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sophia.Model.Data;

namespace Sophia.Provisioning.Serving;

/// <summary>
/// Warns at start about sites whose TFTP allow-list holds a <c>/0</c> network: TFTP has no authentication, so such a
/// site serves its phones' configs, SIP passwords included, to any address that can reach the server.
/// </summary>
public sealed partial class TftpAllowListCheck(IServiceScopeFactory scopes, ILogger<TftpAllowListCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await WarnAsync(scope.ServiceProvider.GetRequiredService<SophiaDb>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Logs one warning per site open to every address; returns how many.</summary>
    public async Task<int> WarnAsync(SophiaDb db, CancellationToken ct)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.TftpAllowedNetworks.Count > 0)
            .Select(s => new { s.Id, s.Name, ClientName = s.Client!.Name, s.TftpAllowedNetworks }).ToListAsync(ct);
        var open = 0;
        foreach (var site in sites)
        {
            if (site.TftpAllowedNetworks.FirstOrDefault(n => IPNetwork.TryParse(n, out var network) && network.PrefixLength == 0) is { } any)
            {
                LogOpenToAll(site.Id, site.Name, site.ClientName, any);
                open++;
            }
        }
        return open;
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning,
        Message = "Site {SiteId} ({Site}, client {Client}) allows TFTP from {Network}: any address that reaches the server gets its phones' configs")]
    private partial void LogOpenToAll(int siteId, string site, string client, string network);
}
