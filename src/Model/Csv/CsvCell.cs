namespace Sophia.Model.Csv;

/// <summary>
/// How a text cell is written so that a spreadsheet opening the export never runs it as a formula (OWASP's CSV injection
/// guidance: a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return), and how an import
/// reads it back. Such a cell gets a leading single quote, which the import strips, so the value round-trips exactly.
/// A phone number (<c>+33 1 23 45 67 89</c>, a list of them) is left as it is: made only of digits, spaces and
/// <c>+ - . ( )</c>, it can name no function nor cell, and stays readable and importable as written.
/// </summary>
public static class CsvCell
{
    public const char Escape = '\'';

    /// <summary>The cell written for <paramref name="value"/>.</summary>
    public static string Escaped(string value) =>
        IsFormula(value) || (value.Length > 1 && value[0] == Escape && Strips(value.AsSpan(1))) ? Escape + value : value;

    /// <summary>The value of a cell <see cref="Escaped"/> wrote: its leading quote dropped when it is one the export added.</summary>
    public static string Unescaped(string cell) =>
        cell.Length > 1 && cell[0] == Escape && Strips(cell.AsSpan(1)) ? cell[1..] : cell;

    /// <summary>Whether a spreadsheet would read <paramref name="value"/> as a formula that does more than arithmetic on digits.</summary>
    public static bool IsFormula(ReadOnlySpan<char> value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPhoneLike(value);

    /// <summary>What follows a leading quote that the export added: a formula, or another quote it doubled.</summary>
    private static bool Strips(ReadOnlySpan<char> rest) => IsFormula(rest) || rest[0] == Escape;

    private static bool IsPhoneLike(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (' ' or '+' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }
        return true;
    }
}
