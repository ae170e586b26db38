namespace Sophia.Model.Secrets;

/// <summary>
/// <c>Sophia:Secrets</c>: the master key that wraps the Data Protection key ring, kept out of the database. Either the
/// key itself (<see cref="MasterKey"/>, base64 of 32 bytes) or a file holding it (<see cref="MasterKeyFile"/>); on SQLite
/// with neither, a key file is made in the data directory on first start.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "Sophia:Secrets";

    public string? MasterKey { get; set; }

    public string? MasterKeyFile { get; set; }

    /// <summary>Master keys replaced by <see cref="MasterKey"/>: they still unwrap the key ring until it is re-wrapped at start.</summary>
    public List<string> PreviousMasterKeys { get; set; } = [];
}
