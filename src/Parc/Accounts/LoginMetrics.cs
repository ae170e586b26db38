using System.Diagnostics.Metrics;

namespace Sophia.Parc.Accounts;

/// <summary>Failed logins of the console and the API (meter <see cref="MeterName"/>), by reason; never by login.</summary>
public sealed class LoginMetrics
{
    public const string MeterName = "Sophia.Accounts";

    private readonly Counter<long> failures;

    public LoginMetrics(IMeterFactory meters) =>
        failures = meters.Create(MeterName).CreateCounter<long>("sophia.auth.login.failures", "{login}",
            "Refused logins, by reason: credentials (unknown login, wrong password, disabled or locked account, all alike) or second_factor (a wrong TOTP code)");

    public void Failed(string reason) => failures.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
