using System.Runtime.CompilerServices;
using Sophia.Registration.Registrar;

namespace Sophia.Registration.Tests.Store;

/// <summary>A registrar whose dump is a given list of bindings (the input of the code under test, not the code under test).</summary>
internal sealed class ListRegistrar(IReadOnlyList<RegistrarContact> contacts, bool failAfter = false, string name = "test-registrar") : IRegistrarSource
{
    public string Name => name;

    public static RegistrarContact Binding(string aor, string contact, DateTimeOffset expires, string userAgent = "Yealink SIP-T46S 66.86.0.15")
    {
        var key = SipAor.Parse(aor);
        return new RegistrarContact(aor, key.User, key.Domain, contact, expires, userAgent, null);
    }

    public async IAsyncEnumerable<RegistrarContact> DumpAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var contact in contacts)
        {
            await Task.Yield();
            yield return contact;
        }
        if (failAfter)
        {
            throw new RegistrarUnavailableException("connection refused");
        }
    }

    public Task<RegistrarObservation> LookupAsync(SipAor aor, CancellationToken cancellationToken = default) =>
        Task.FromResult(contacts.Any(c => c.Key == aor)
            ? RegistrarObservation.Registered(Name, contacts.Where(c => c.Key == aor))
            : RegistrarObservation.NotRegistered(Name));
}
