using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sophia.DeviceModels.Identification;
using Sophia.Model.Accounts;
using Sophia.Model.Contacts;
using Sophia.Model.Numbers;
using Sophia.Model.Parc;
using Sophia.Model.Stock;
using Sophia.Model.Telephony;

namespace Sophia.Model.Data;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasIndex(c => c.SipDomain).IsUnique();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.RegistrarTransport).HasConversion<string>();
        builder.HasOne<Operator>().WithMany().HasForeignKey(c => c.OperatorId);
        builder.HasMany(c => c.Sites).WithOne(s => s.Client).HasForeignKey(s => s.ClientId);
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.HasIndex(s => new { s.ClientId, s.Name }).IsUnique();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasIndex(u => u.Login).IsUnique();
        builder.HasIndex(u => new { u.ClientId, u.SipUsername }).IsUnique();
        builder.HasIndex(u => new { u.ClientId, u.LastName });
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.Property(u => u.AccountType).HasConversion<string>();
        builder.HasOne(u => u.Site).WithMany().HasForeignKey(u => u.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(u => u.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(u => u.FunctionKeys).WithOne().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(u => u.DisplayName);
    }
}

internal sealed class FunctionKeyConfiguration : IEntityTypeConfiguration<FunctionKey>
{
    public void Configure(EntityTypeBuilder<FunctionKey> builder)
    {
        builder.HasIndex(k => new { k.UserId, k.Index }).IsUnique();
        builder.Property(k => k.Kind).HasConversion<string>();
        builder.HasOne(k => k.SupervisedUser).WithMany().HasForeignKey(k => k.SupervisedUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NumberConfiguration : IEntityTypeConfiguration<Number>
{
    public void Configure(EntityTypeBuilder<Number> builder)
    {
        builder.HasIndex(n => n.E164).IsUnique();
        builder.HasIndex(n => new { n.SiteId, n.E164 });
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(n => n.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ivr>().WithMany().HasForeignKey(n => n.IvrId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<HuntGroup>().WithMany().HasForeignKey(n => n.HuntGroupId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(n => n.Assignee);
    }
}

internal sealed class ShortNumberConfiguration : IEntityTypeConfiguration<ShortNumber>
{
    public void Configure(EntityTypeBuilder<ShortNumber> builder)
    {
        builder.HasIndex(s => new { s.ClientId, s.Digits }).IsUnique();
        builder.HasOne<Number>().WithMany().HasForeignKey(s => s.NumberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.ExternalContact).WithMany().HasForeignKey(s => s.ExternalContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HuntGroup>().WithMany().HasForeignKey(s => s.HuntGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EquipmentConfiguration : IEntityTypeConfiguration<Equipment>
{
    public void Configure(EntityTypeBuilder<Equipment> builder)
    {
        builder.Property(e => e.Mac)
            .HasConversion(mac => mac.ToString(), text => MacAddress.Parse(text))
            .HasMaxLength(12);
        builder.HasIndex(e => e.Mac).IsUnique();
        builder.HasIndex(e => new { e.ClientId, e.SiteId });
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.ComplexProperty(e => e.Settings);
        builder.HasOne(e => e.Site).WithMany().HasForeignKey(e => e.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Client>().WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(e => e.Location);
    }
}

internal sealed class ExternalContactConfiguration : IEntityTypeConfiguration<ExternalContact>
{
    public void Configure(EntityTypeBuilder<ExternalContact> builder)
    {
        builder.HasIndex(c => new { c.ClientId, c.LastName });
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId);
    }
}

internal sealed class PersonalContactConfiguration : IEntityTypeConfiguration<PersonalContact>
{
    public void Configure(EntityTypeBuilder<PersonalContact> builder)
    {
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HuntGroupConfiguration : IEntityTypeConfiguration<HuntGroup>
{
    public void Configure(EntityTypeBuilder<HuntGroup> builder)
    {
        builder.HasIndex(g => g.Address).IsUnique();
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.HuntGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffAccountConfiguration : IEntityTypeConfiguration<StaffAccount>
{
    public void Configure(EntityTypeBuilder<StaffAccount> builder)
    {
        builder.HasIndex(a => a.Login).IsUnique();
        builder.Property(a => a.Role).HasConversion<string>();
    }
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.Role).HasConversion<string>();
    }
}

internal sealed class OperatorConfiguration : IEntityTypeConfiguration<Operator>
{
    // Sophia runs for one operator; its row exists from the first migration on, renamed in the console or by the demo.
    public void Configure(EntityTypeBuilder<Operator> builder) =>
        builder.HasData(new Operator { Id = 1, Name = "Operator" });
}

internal sealed class ConfigStampConfiguration : IEntityTypeConfiguration<Provisioning.ConfigStamp>
{
    public void Configure(EntityTypeBuilder<Provisioning.ConfigStamp> builder)
    {
        builder.HasKey(s => s.ClientId);
        builder.Property(s => s.ClientId).ValueGeneratedNever();
        builder.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FetchEventConfiguration : IEntityTypeConfiguration<Provisioning.FetchEvent>
{
    public void Configure(EntityTypeBuilder<Provisioning.FetchEvent> builder)
    {
        builder.HasIndex(f => new { f.Mac, f.At });
        builder.HasIndex(f => f.At);
        builder.Property(f => f.Protocol).HasConversion<string>();
    }
}

internal sealed class UnknownDeviceConfiguration : IEntityTypeConfiguration<Provisioning.UnknownDevice>
{
    public void Configure(EntityTypeBuilder<Provisioning.UnknownDevice> builder) => builder.HasIndex(d => d.Mac).IsUnique();
}

internal sealed class ServerSecretConfiguration : IEntityTypeConfiguration<Provisioning.ServerSecret>
{
    public void Configure(EntityTypeBuilder<Provisioning.ServerSecret> builder) => builder.HasKey(s => s.Name);
}

internal sealed class RegistrationStatusConfiguration : IEntityTypeConfiguration<Registration.RegistrationStatus>
{
    public void Configure(EntityTypeBuilder<Registration.RegistrationStatus> builder)
    {
        builder.HasKey(s => s.EquipmentId);
        builder.Property(s => s.EquipmentId).ValueGeneratedNever();
        builder.HasOne(s => s.Equipment).WithOne().HasForeignKey<Registration.RegistrationStatus>(s => s.EquipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Aor).HasMaxLength(320);
        builder.Property(s => s.AorUser).HasMaxLength(256);
        builder.Property(s => s.State).HasMaxLength(16);
        builder.Property(s => s.LastResyncOutcome).HasMaxLength(16);
        builder.HasIndex(s => s.Aor);
        builder.HasIndex(s => s.AorUser);
        builder.HasIndex(s => s.State);
    }
}

internal sealed class RegistrationHistoryEntryConfiguration : IEntityTypeConfiguration<Registration.RegistrationHistoryEntry>
{
    public void Configure(EntityTypeBuilder<Registration.RegistrationHistoryEntry> builder)
    {
        builder.Property(h => h.From).HasMaxLength(16);
        builder.Property(h => h.To).HasMaxLength(16);
        builder.HasOne<Equipment>().WithMany().HasForeignKey(h => h.EquipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.EquipmentId, h.At });
        builder.HasIndex(h => h.At);
    }
}

internal sealed class ResyncCampaignConfiguration : IEntityTypeConfiguration<Registration.ResyncCampaign>
{
    public void Configure(EntityTypeBuilder<Registration.ResyncCampaign> builder)
    {
        builder.Property(c => c.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Targets).WithOne().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.State, c.CreatedAt });
    }
}

internal sealed class ResyncTargetConfiguration : IEntityTypeConfiguration<Registration.ResyncTarget>
{
    public void Configure(EntityTypeBuilder<Registration.ResyncTarget> builder)
    {
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Equipment>().WithMany().HasForeignKey(t => t.EquipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.CampaignId, t.EquipmentId }).IsUnique();
        builder.HasIndex(t => new { t.State, t.Id });
        builder.HasIndex(t => t.SentAt);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<Registration.JobLease>
{
    public void Configure(EntityTypeBuilder<Registration.JobLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
    }
}
