using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Model.Registration;
using Sophia.Model.Stock;
using Sophia.Model.Telephony;

namespace Sophia.Model.Data;

/// <summary>
/// The parc's database. Each provider has its own subclass so that each keeps its own migration set
/// (<see cref="SqliteSophiaDb"/>, <see cref="PostgresSophiaDb"/>); code depends on this class only.
/// </summary>
public abstract class SophiaDb(DbContextOptions options) : DbContext(options)
{
    /// <summary>The clock of <see cref="ConfigStamp.ChangedAt"/>; the host sets the injected one.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public DbSet<Operator> Operators => Set<Operator>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<User> Users => Set<User>();
    public DbSet<FunctionKey> FunctionKeys => Set<FunctionKey>();
    public DbSet<Number> Numbers => Set<Number>();
    public DbSet<ShortNumber> ShortNumbers => Set<ShortNumber>();
    public DbSet<Equipment> Equipment => Set<Equipment>();
    public DbSet<ExternalContact> ExternalContacts => Set<ExternalContact>();
    public DbSet<PersonalContact> PersonalContacts => Set<PersonalContact>();
    public DbSet<Ivr> Ivrs => Set<Ivr>();
    public DbSet<HuntGroup> HuntGroups => Set<HuntGroup>();
    public DbSet<Music> Music => Set<Music>();
    public DbSet<StaffAccount> StaffAccounts => Set<StaffAccount>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<ConfigStamp> ConfigStamps => Set<ConfigStamp>();
    public DbSet<FetchEvent> FetchEvents => Set<FetchEvent>();
    public DbSet<UnknownDevice> UnknownDevices => Set<UnknownDevice>();
    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();
    public DbSet<RegistrationStatus> RegistrationStatuses => Set<RegistrationStatus>();
    public DbSet<RegistrationHistoryEntry> RegistrationHistory => Set<RegistrationHistoryEntry>();
    public DbSet<ResyncCampaign> ResyncCampaigns => Set<ResyncCampaign>();
    public DbSet<ResyncTarget> ResyncTargets => Set<ResyncTarget>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SophiaDb).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        await Provisioning.ConfigStamps.StampChangesAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Every saved change of a versioned entity gets a new version: the ETag moves and a concurrent
    // writer still holding the old one fails on the concurrency token.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added)
            {
                entry.Entity.Version = 1;
            }
            else if (entry.State is EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }
}

public sealed class SqliteSophiaDb(DbContextOptions<SqliteSophiaDb> options) : SophiaDb(options)
{
    // SQLite has no date-time-offset type: stored as a sortable 64-bit value so that queries can compare and order them.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
}

public sealed class PostgresSophiaDb(DbContextOptions<PostgresSophiaDb> options) : SophiaDb(options);
