using Sophia.Model.Rules;

namespace Sophia.Model.Data;

/// <summary>Optimistic concurrency on <see cref="IVersioned.Version"/>: a stale update is refused and changes nothing.</summary>
public static class Versions
{
    /// <summary>
    /// Refuses the change when <paramref name="expected"/> (the version the caller read, e.g. from If-Match) is not the
    /// entity's, and makes EF check it again at save time, so that a concurrent writer between this read and the save
    /// also fails. Null expects nothing: last writer wins.
    /// </summary>
    public static void Expect(this SophiaDb db, IVersioned entity, long? expected)
    {
        if (expected is not { } version)
        {
            return;
        }
        if (version != entity.Version)
        {
            throw new RuleViolationException(
                FieldError.Create("If-Match", "version.stale", "Version {expected} is stale: the current version is {current}.", ("expected", version), ("current", entity.Version)),
                RuleViolationKind.Stale);
        }
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = version;
    }
}
