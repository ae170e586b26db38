using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sophia.Model.Accounts;
using Sophia.Model.Audit;
using Sophia.Model.Contacts;
using Sophia.Model.Jobs;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Provisioning;
using Sophia.Model.Registration;
using Sophia.Model.Secrets;
using Sophia.Model.Stock;
using Sophia.Model.Telephony;

namespace Sophia.Model.Data;

/// <summary>
/// The parc's database. Each provider has its own subclass so that each keeps its own migration set
/// (<see cref="SqliteSophiaDb"/>, <see cref="PostgresSophiaDb"/>); code depends on this class only.
/// </summary>
public abstract class SophiaDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Operator> Operators => Set<Operator>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<User> Users => Set<User>();
    public DbSet<CallRestrictionProfile> CallRestrictionProfiles => Set<CallRestrictionProfile>();
    public DbSet<FunctionKey> FunctionKeys => Set<FunctionKey>();
    public DbSet<Number> Numbers => Set<Number>();
    public DbSet<ShortNumber> ShortNumbers => Set<ShortNumber>();
    public DbSet<Equipment> Equipment => Set<Equipment>();
    public DbSet<DectHandset> DectHandsets => Set<DectHandset>();
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
    public DbSet<TemplateOverride> TemplateOverrides => Set<TemplateOverride>();
    public DbSet<PhoneUpload> PhoneUploads => Set<PhoneUpload>();
    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();
    public DbSet<RegistrationStatus> RegistrationStatuses => Set<RegistrationStatus>();
    public DbSet<RegistrationHistoryEntry> RegistrationHistory => Set<RegistrationHistoryEntry>();
    public DbSet<ResyncCampaign> ResyncCampaigns => Set<ResyncCampaign>();
    public DbSet<ResyncTarget> ResyncTargets => Set<ResyncTarget>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The audit of the save under way, between the interceptor's calls before and after it.</summary>
    internal PendingAudit? PendingAudit { get; set; }

    /// <summary>
    /// The key ring of ASP.NET Data Protection (console cookies, antiforgery, secret columns), shared by every node;
    /// each key wrapped by the master key, which is not in the database (<see cref="MasterKeys"/>).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SophiaDb).Assembly);
        SecretColumns.Apply(modelBuilder, this.GetService<IDbContextOptions>().FindExtension<SecretsOptionsExtension>()?.Cipher);
    }

    // Versions and config stamps are written by the save interceptor: a context made without it would save changes
    // that no phone ever sees and that concurrent writers cannot detect.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        var interceptors = optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        if (!interceptors.OfType<SaveInterceptor>().Any())
        {
            throw new InvalidOperationException("A SophiaDb needs its SaveInterceptor: build its options with SophiaDbOptions.");
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
