namespace Sophia.DeviceModels.Settings;

/// <summary>
/// The neutral date-format tokens. Letters: <c>WWW</c> weekday name, <c>DD</c> day, <c>MM</c> month number,
/// <c>MMM</c> month name, <c>YY</c>/<c>YYYY</c> year. Yealink offers seven fixed formats
/// (<c>local_time.date_format</c> 0–6) and Polycom four field orders (<c>lcl.datetime.date.format</c>);
/// only <see cref="WeekdayMonthDay"/> and <see cref="WeekdayDayMonth"/> exist on both, so each model
/// states the tokens it accepts (<see cref="SettingOptions.DateFormats"/>).
/// </summary>
public static class DateFormats
{
    public const string WeekdayMonthDay = "WWW MMM DD";
    public const string WeekdayDayMonth = "WWW DD MMM";
    public const string DayMonthNameShortYear = "DD-MMM-YY";
    public const string Iso = "YYYY-MM-DD";
    public const string DayMonthYear = "DD/MM/YYYY";
    public const string MonthDayShortYear = "MM/DD/YY";
    public const string DayMonthNameYear = "DD MMM YYYY";
    public const string MonthDayWeekday = "MMM DD WWW";
    public const string DayMonthWeekday = "DD MMM WWW";

    public static IReadOnlyList<string> All { get; } =
    [
        WeekdayMonthDay, WeekdayDayMonth, DayMonthNameShortYear, Iso, DayMonthYear,
        MonthDayShortYear, DayMonthNameYear, MonthDayWeekday, DayMonthWeekday,
    ];
}
