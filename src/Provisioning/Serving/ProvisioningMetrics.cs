using System.Diagnostics.Metrics;
using Sophia.DeviceModels;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.FetchLog;

namespace Sophia.Provisioning.Serving;

/// <summary>
/// What provisioning measures (meter <see cref="MeterName"/>): requests by protocol, status and vendor, render time and
/// the render cache's hits, the fetch log's queue. Labels come from small fixed sets, never a MAC, an address or a
/// name; recording costs no allocation, since <c>/prov</c>'s warm request is on the benchmark.
/// </summary>
public sealed class ProvisioningMetrics
{
    public const string MeterName = "Sophia.Provisioning";

    private readonly Counter<long> requests;
    private readonly Histogram<double> renderDuration;
    private readonly Counter<long> renderCache;
    private FetchLogWriter? fetchLog;

    public ProvisioningMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        requests = meter.CreateCounter<long>("sophia.provisioning.requests", "{request}",
            "Provisioning requests answered (/prov and TFTP), by protocol, status and vendor");
        renderDuration = meter.CreateHistogram<double>("sophia.provisioning.render.duration", "s",
            "Time to render a provisioning file that was not in the render cache",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        renderCache = meter.CreateCounter<long>("sophia.provisioning.render.cache", "{lookup}",
            "Render cache lookups, by result (hit or miss)");
        meter.CreateObservableGauge("sophia.provisioning.fetch_log.queue", () => fetchLog?.QueueDepth ?? 0, "{event}",
            "Fetch events waiting to be written to the database");
        meter.CreateObservableCounter("sophia.provisioning.fetch_log.dropped", () => fetchLog?.Dropped ?? 0, "{event}",
            "Fetch events dropped because the queue was full");
    }

    /// <summary>The writer whose queue the gauges read (there is one per process).</summary>
    public void Observe(FetchLogWriter writer) => fetchLog = writer;

    public void Request(FetchEvent fetch) => requests.Add(1,
        new("protocol", fetch.Protocol == FetchProtocol.Http ? "http" : "tftp"),
        new("status", StatusLabel(fetch.Status)),
        new("vendor", VendorLabel(fetch.Mac, fetch.File)));

    public void CacheHit() => renderCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));

    public void Rendered(TimeSpan elapsed)
    {
        renderCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        renderDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>The vendor by the MAC's OUI, else by the shared file's name; <c>unknown</c> for anything else.</summary>
    public static string VendorLabel(string? mac, string file)
    {
        var vendor = mac is { Length: >= 6 } ? UserAgentParser.VendorFromOui(mac.AsSpan(0, 6))
            : file.StartsWith("y000000000", StringComparison.OrdinalIgnoreCase) ? Vendor.Yealink
            : file.StartsWith("000000000000", StringComparison.Ordinal) ? Vendor.Polycom
            : null;
        return vendor switch
        {
            Vendor.Yealink => "yealink",
            Vendor.Polycom => "polycom",
            _ => "unknown",
        };
    }

    /// <summary>The status as a label without formatting one per request for the statuses provisioning answers.</summary>
    public static string StatusLabel(int status) => status switch
    {
        200 => "200",
        204 => "204",
        304 => "304",
        400 => "400",
        401 => "401",
        403 => "403",
        404 => "404",
        413 => "413",
        429 => "429",
        500 => "500",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
