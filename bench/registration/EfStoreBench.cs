using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sophia.Model.Data;
using Sophia.Model.Parc;
using Sophia.Registration.Jobs;
using Sophia.Registration.Kamailio;
using Sophia.Registration.Reconciliation;
using Sophia.Registration.Registrar;
using Sophia.Registration.Sip;

namespace Sophia.Bench.Registration;

/// <summary>
/// The same dump reconciled through the real job and the database store on a SQLite file: N phones assigned to N users
/// of 200 clients (as the dump names them), status rows created on the first run. Runs: the first (every phone new),
/// steady runs (the registrar's clock frozen, as a live Kamailio's "seconds left" keep each binding's expiry fixed),
/// and a last run where every binding's expiry moved (every record rewritten). The goal is checked on the routine runs;
/// the first one, a one-time import of the whole parc, is reported beside it.
/// </summary>
internal static class EfStoreBench
{
    public static async Task<int> RunAsync(Uri rpcUrl, int devices, int runs, int expectedRegistered, double goalSeconds, double goalMegabytes)
    {
        var directory = Directory.CreateTempSubdirectory("sophia-bench-ef-").FullName;
        try
        {
            var connectionString = $"Data Source={Path.Combine(directory, "sophia.db")}";
            var seeding = Stopwatch.StartNew();
            await SeedAsync(connectionString, devices);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {devices} users and phones in {seeding.Elapsed.TotalSeconds:0.0} s"));
            GC.Collect();

            using var self = Process.GetCurrentProcess();
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var frozen = new FrozenClock(TimeProvider.System.GetUtcNow());
            await using var sip = new SipUdpClient(Options.Create(new SipOptions()), TimeProvider.System, NullLogger<SipUdpClient>.Instance);
            var worst = 0.0;
            var first = 0.0;
            for (var run = 1; run <= runs + 1; run++)
            {
                var everyBindingMoved = run == runs + 1;
                TimeProvider registrarClock = everyBindingMoved ? TimeProvider.System : frozen;
                var registrar = new KamailioRpcClient(http, rpcUrl, new KamailioOptions(), registrarClock, NullLogger<KamailioRpcClient>.Instance);
                await using var db = SophiaDbOptions.Sqlite(connectionString, TimeProvider.System);
                var job = new ReconcileJob(db, new DumpReconciler(TimeProvider.System, NullLogger<DumpReconciler>.Instance),
                    new RegistrationChecker(sip, TimeProvider.System), new RegistrarDirectory(registrar), Options.Create(new RegistrationTrackingOptions()),
                    TimeProvider.System, NullLogger<ReconcileJob>.Instance);
                self.Refresh();
                var cpu = self.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var outcome = await job.RunAsync();
                clock.Stop();
                self.Refresh();
                var summary = outcome.Summary;
                if (summary is null || summary.Failure is not null || summary.Registered != expectedRegistered || summary.Devices != devices)
                {
                    Console.Error.WriteLine($"EF run {run} is wrong: {outcome}");
                    return 2;
                }
                if (run == 1)
                {
                    first = clock.Elapsed.TotalSeconds;
                }
                else
                {
                    worst = Math.Max(worst, clock.Elapsed.TotalSeconds);
                }
                var kind = run == 1 ? "first (all new)" : everyBindingMoved ? "every expiry moved" : "steady";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"EF run {run}, {kind}: {clock.Elapsed.TotalSeconds:0.00} s ({(self.TotalProcessorTime - cpu).TotalSeconds:0.00} s CPU), " +
                    $"{outcome.Tracking!.Added} tracked, {summary.Registered} registered, {summary.NotRegistered} not registered, {summary.Transitions} transitions, " +
                    $"working set {Environment.WorkingSet / 1e6:0} MB"));
            }
            self.Refresh();
            var peak = self.PeakWorkingSet64 / 1e6;
            var met = worst < goalSeconds && peak < goalMegabytes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"EF store on SQLite: peak working set {peak:0} MB; slowest routine run {worst:0.00} s; goal (< {goalSeconds} s, < {goalMegabytes} MB): {(met ? "met" : "NOT met")}; " +
                $"the first run, which starts tracking every phone and writes every first transition, took {first:0.00} s ({(first < goalSeconds ? "within" : "over")} the goal)"));
            return met ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>200 clients with a site each through EF; users and phones by prepared INSERTs in one transaction (EF would take minutes).</summary>
    private static async Task SeedAsync(string connectionString, int devices)
    {
        await using var db = SophiaDbOptions.Sqlite(connectionString, TimeProvider.System);
        await db.Database.MigrateAsync();
        var clients = Enumerable.Range(0, 200).Select(k => new Client
        {
            OperatorId = 1,
            Name = $"client{k}",
            SipDomain = $"client{k}.example",
            ProvisioningUser = $"client{k}",
            ProvisioningPassword = "bench",
            RegistrarHost = "sip.example",
        }).ToList();
        foreach (var client in clients)
        {
            client.Sites.Add(new Site { Name = "main" });
        }
        db.Clients.AddRange(clients);
        await db.SaveChangesAsync();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var user = connection.CreateCommand();
        user.Transaction = transaction;
        user.CommandText = """
            INSERT INTO Users (ClientId, SiteId, LastName, Language, Login, AccountType, Services, SipUsername, SipPassword, Version)
            VALUES ($client, $site, $name, 'fr', $login, 'Individual', 1, $name, 'bench', 1); SELECT last_insert_rowid();
            """;
        var userClient = user.Parameters.Add("$client", SqliteType.Integer);
        var userSite = user.Parameters.Add("$site", SqliteType.Integer);
        var userName = user.Parameters.Add("$name", SqliteType.Text);
        var userLogin = user.Parameters.Add("$login", SqliteType.Text);
        await using var phone = connection.CreateCommand();
        phone.Transaction = transaction;
        phone.CommandText = "INSERT INTO Equipment (Mac, ModelId, ClientId, SiteId, UserId, Version) VALUES ($mac, 'yealink-t46s', $client, $site, $user, 1)";
        var phoneMac = phone.Parameters.Add("$mac", SqliteType.Text);
        var phoneClient = phone.Parameters.Add("$client", SqliteType.Integer);
        var phoneSite = phone.Parameters.Add("$site", SqliteType.Integer);
        var phoneUser = phone.Parameters.Add("$user", SqliteType.Integer);
        for (var i = 0; i < devices; i++)
        {
            var client = clients[i % 200];
            var aor = DumpFile.Aor(i);
            userClient.Value = phoneClient.Value = client.Id;
            userSite.Value = phoneSite.Value = client.Sites[0].Id;
            userName.Value = aor[..aor.IndexOf('@', StringComparison.Ordinal)];
            userLogin.Value = aor;
            phoneUser.Value = (long)(await user.ExecuteScalarAsync())!;
            phoneMac.Value = string.Create(CultureInfo.InvariantCulture, $"02{i:x10}");
            await phone.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>A clock that stays put: the registrar client reads "seconds left" against it, so expiries do not move.</summary>
    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
