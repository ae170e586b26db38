using Microsoft.Extensions.DependencyInjection;

namespace Sophia.Telephony.Tests;

public sealed class TelephonyRegistrationTests
{
    [Fact]
    public void Adding_telephony_registers_its_operations()
    {
        var services = new ServiceCollection().AddTelephony();
        Assert.Same(services, services.AddTelephony());
    }
}
