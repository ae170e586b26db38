using Sophia.DeviceModels.Identification;
using Sophia.Model.Registration;
using Sophia.Registration.States;
using Sophia.Registration.Store;

namespace Sophia.Registration.Diagnostics;

/// <param name="State">The API word: <c>registered</c>, <c>not-registered</c>, <c>unreachable</c> or <c>unknown</c>.</param>
/// <param name="Firmware">Read from the User-Agent the phone registered with, else from its last provisioning fetch.</param>
public sealed record RegistrationDto(
    string State, DateTimeOffset? Since, DateTimeOffset? CheckedAt, string? Contact, DateTimeOffset? Expires, string? UserAgent,
    string? Firmware, string? Received, string? Source, string? Reason, DateTimeOffset? LastResyncAt, string? LastResyncOutcome)
{
    /// <summary>The state as it may be shown now: a record no reconciliation refreshed for too long reads as unknown.</summary>
    public static RegistrationDto From(RegistrationStatus? status, bool assigned, string? fetchUserAgent, TimeSpan staleAfter, DateTimeOffset now)
    {
        var unknown = RegistrationState.Unknown.ToApiName();
        if (status is null)
        {
            var reason = assigned ? "not checked yet" : "not assigned to a user: not tracked";
            return new RegistrationDto(unknown, null, null, null, null, null, FirmwareOf(null, fetchUserAgent), null, null, reason, null, null);
        }
        var record = EfRegistrationStore.ToRecord(status);
        var stale = record is not null && record.StateAt(now, staleAfter) != record.State;
        return new RegistrationDto(
            stale ? unknown : status.State,
            stale ? status.CheckedAt : status.Since,
            status.CheckedAt, status.Contact, status.Expires, status.UserAgent, FirmwareOf(status.UserAgent, fetchUserAgent),
            status.Received, status.Source,
            stale ? $"not checked since {status.CheckedAt:u}; last known: {status.State} ({status.Reason})" : status.Reason ?? "not checked yet",
            status.LastResyncAt, status.LastResyncOutcome);
    }

    private static string? FirmwareOf(string? registerUserAgent, string? fetchUserAgent) =>
        UserAgentParser.TryParse(registerUserAgent, out var registered) && registered.Firmware is { } firmware ? firmware
        : UserAgentParser.TryParse(fetchUserAgent, out var fetched) ? fetched.Firmware
        : null;
}
