namespace Sophia.Registration.Registrar;

/// <summary>
/// A registrar Sophia can ask about registrations. Which source serves which client is configuration;
/// <c>Kamailio.KamailioRpcClient</c> is one.
/// </summary>
public interface IRegistrarSource
{
    /// <summary>A short name for logs and state records, e.g. <c>kamailio</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Every live binding, streamed in the registrar's order with the bindings of one AOR together,
    /// so that a large table is never held in memory at once.
    /// </summary>
    /// <exception cref="RegistrarUnavailableException">The registrar could not be read (before or during the stream).</exception>
    IAsyncEnumerable<RegistrarContact> DumpAsync(CancellationToken cancellationToken = default);

    /// <summary>What the registrar holds for one AOR; an unreachable registrar gives Unavailable, never NotRegistered.</summary>
    Task<RegistrarObservation> LookupAsync(SipAor aor, CancellationToken cancellationToken = default);
}

/// <summary>The registrar could not be asked or gave an answer we cannot read.</summary>
public sealed class RegistrarUnavailableException : Exception
{
    public RegistrarUnavailableException()
    {
    }

    public RegistrarUnavailableException(string message)
        : base(message)
    {
    }

    public RegistrarUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
