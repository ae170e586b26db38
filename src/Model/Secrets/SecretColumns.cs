using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Sophia.Model.Secrets;

/// <summary>
/// Secret columns: marked with <see cref="IsSecret{TProperty}(PropertyBuilder{TProperty})"/> in an entity's configuration,
/// encrypted by a <see cref="SecretConverter"/> on the way to the database and decrypted on the way back. Such a
/// column can never be compared in SQL (each encryption differs): look rows up by something else.
/// </summary>
public static class SecretColumns
{
    private const string Annotation = "Sophia:Secret";

    public static PropertyBuilder<TProperty> IsSecret<TProperty>(this PropertyBuilder<TProperty> property)
    {
        EnsureText(property.Metadata);
        property.HasAnnotation(Annotation, true);
        return property;
    }

    public static ComplexTypePropertyBuilder<TProperty> IsSecret<TProperty>(this ComplexTypePropertyBuilder<TProperty> property)
    {
        EnsureText(property.Metadata);
        property.HasAnnotation(Annotation, true);
        return property;
    }

    /// <summary>
    /// Gives every marked column the cipher's converter; without a cipher (migrations at design time, a tool on its own
    /// database) values go as they are. The mark itself is removed so that it never reaches a migration snapshot.
    /// </summary>
    internal static void Apply(ModelBuilder modelBuilder, SecretCipher? cipher)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(AllProperties).ToList())
        {
            if (property.FindAnnotation(Annotation) is null)
            {
                continue;
            }
            property.RemoveAnnotation(Annotation);
            if (cipher is not null)
            {
                property.SetValueConverter(new SecretConverter(cipher));
            }
        }
    }

    /// <summary>The secret columns of <paramref name="model"/>: table, key column and column.</summary>
    public static IReadOnlyList<SecretColumn> Find(IModel model) =>
    [
        .. model.GetEntityTypes().SelectMany(entity =>
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            return AllProperties(entity)
                .Where(p => p.GetValueConverter() is SecretConverter)
                .Select(p => new SecretColumn(
                    table.Name,
                    entity.FindPrimaryKey()!.Properties.Single().GetColumnName(table)!,
                    p.GetColumnName(table)!));
        }),
    ];

    private static IEnumerable<IMutableProperty> AllProperties(IMutableTypeBase type) =>
        type.GetProperties().Concat(type.GetComplexProperties().SelectMany(c => AllProperties(c.ComplexType)));

    private static IEnumerable<IProperty> AllProperties(ITypeBase type) =>
        type.GetProperties().Concat(type.GetComplexProperties().SelectMany(c => AllProperties(c.ComplexType)));

    private static void EnsureText(IMutableProperty property)
    {
        if (property.ClrType != typeof(string))
        {
            throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is not text: only text columns can be secret.");
        }
    }
}

public sealed record SecretColumn(string Table, string Key, string Column);

/// <summary>Encrypts on write, decrypts on read; a value stored in clear reads as it is.</summary>
public sealed class SecretConverter(SecretCipher cipher) : ValueConverter<string, string>(clear => cipher.Protect(clear), stored => cipher.Unprotect(stored));

/// <summary>
/// The options of a context whose secret columns use <see cref="Cipher"/>. Every host has its own key ring, hence its own
/// cipher, while EF Core builds a model once per context type: <see cref="SecretsModelCacheKeyFactory"/> keys models by
/// cipher, so that two hosts in one process (the tests) never read each other's columns with the wrong keys.
/// </summary>
public sealed class SecretsOptionsExtension(SecretCipher cipher) : IDbContextOptionsExtension
{
    public SecretCipher Cipher => cipher;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        // The model cache key factory is replaced on every Sophia context (SophiaDbOptions), with or without a cipher.
    }

    public void Validate(IDbContextOptions options)
    {
        // Nothing to check: any cipher will do.
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "SecretColumns ";

        // One EF service provider for all hosts: the cipher changes the model, which the model cache key covers, not the services.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Sophia:SecretColumns"] = "1";
    }
}

/// <summary>Models cached by context type and cipher: see <see cref="SecretsOptionsExtension"/>.</summary>
public sealed class SecretsModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.GetService<IDbContextOptions>().FindExtension<SecretsOptionsExtension>()?.Cipher, designTime);
}
