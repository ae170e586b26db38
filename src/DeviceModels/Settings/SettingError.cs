namespace Sophia.DeviceModels.Settings;

/// <summary>One rejected setting.</summary>
/// <param name="Field">The camelCase name of the <see cref="DeviceSettings"/> property, e.g. <c>dateFormat</c>, as API clients send it.</param>
/// <param name="Message">What is wrong and which values the model accepts, in English.</param>
public sealed record SettingError(string Field, string Message);
