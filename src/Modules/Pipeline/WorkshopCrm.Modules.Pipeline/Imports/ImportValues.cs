using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>
/// A cell as the CRM reads it, in the forms Brazilian spreadsheets write: money as <c>1.234,56</c>, <c>R$ 1.234,56</c>,
/// <c>1234.56</c> or an Excel number; dates as <c>dd/mm/aaaa</c>, <c>aaaa-mm-dd</c> or an Excel date; a phone Excel
/// stored as a number (<c>5571986547720</c>) as its digits.
/// </summary>
internal static partial class ImportValues
{
    private static readonly CultureInfo Brazil = CultureInfo.GetCultureInfo("pt-BR");

    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => s,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", Brazil),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("dd/MM/yyyy", Brazil),
        DateTime t => t.ToString("dd/MM/yyyy HH:mm", Brazil),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture),
    };

    /// <summary>Trimmed text, or null when blank.</summary>
    public static string? Trimmed(object? cell) => Text(cell)?.Trim() is { Length: > 0 } t ? t : null;

    /// <summary>A money amount, or null when the text is not one (blank is 0: the seed's default value).</summary>
    public static bool TryMoney(object? cell, out decimal value)
    {
        value = 0;
        switch (cell)
        {
            case null:
                return true;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > 1e13)
                    return false;
                value = Math.Round((decimal)d, 6);
                return true;
        }

        var text = Text(cell)!.Trim();
        if (text.Length == 0)
            return true;
        text = text.Replace("R$", "", StringComparison.OrdinalIgnoreCase).Replace("\u00a0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (text.Length == 0 || !MoneyShape().IsMatch(text))
            return false;

        var comma = text.LastIndexOf(',');
        var dot = text.LastIndexOf('.');
        string normal;
        if (comma >= 0 && dot >= 0)
            normal = comma > dot ? text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : text.Replace(",", "", StringComparison.Ordinal);
        else if (comma >= 0)
            normal = text.Count(c => c == ',') > 1 ? text.Replace(",", "", StringComparison.Ordinal) : text.Replace(',', '.');
        else if (dot >= 0 && (text.Count(c => c == '.') > 1 || ThousandsWithDots().IsMatch(text)))
            normal = text.Replace(".", "", StringComparison.Ordinal); // 1.234 is a thousand and more in pt-BR
        else
            normal = text;
        return decimal.TryParse(normal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A calendar date: dd/mm/aaaa (or d/m/aa), aaaa-mm-dd, or an Excel date cell.</summary>
    public static bool TryDate(object? cell, out DateOnly? day)
    {
        day = null;
        switch (cell)
        {
            case null:
                return true;
            case DateTime t:
                day = DateOnly.FromDateTime(t);
                return true;
            case double serial when serial is > 0 and < 2958466:
                day = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return true;
        }

        var text = Text(cell)!.Trim();
        if (text.Length == 0)
            return true;
        var datePart = text.Split(' ', 2)[0];
        string[] formats = ["dd/MM/yyyy", "d/M/yyyy", "dd/MM/yy", "d/M/yy", "yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"];
        if (DateOnly.TryParseExact(datePart, formats, Brazil, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^[+-]?[0-9][0-9.,]*$")]
    private static partial Regex MoneyShape();

    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(\.[0-9]{3})+$")]
    private static partial Regex ThousandsWithDots();
}
