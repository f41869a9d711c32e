using System.Buffers;
using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;

namespace WorkshopCrm.Shared.Spreadsheets;

/// <summary>
/// CSV as Excel in pt-BR opens it with a double click: UTF-8 with a BOM, <c>;</c> between fields, decimal comma,
/// dates as dd/mm/aaaa, CRLF line ends; Sylvan.Data.Csv quotes what needs quoting. Every CSV the product writes (reports,
/// list exports, the company's ZIP) goes through here, so text a spreadsheet would run as a formula is neutralised
/// everywhere (ADR 0023).
/// </summary>
public static class ExcelCsv
{
    public static readonly CultureInfo Brazil = CultureInfo.GetCultureInfo("pt-BR");

    /// <summary>What a spreadsheet reads as the start of a formula (OWASP "CSV injection"), tab and CR included.</summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    public static CsvDataWriterOptions Options() => new() { Delimiter = ';', Culture = Brazil, NewLine = "\r\n" };

    /// <summary>
    /// Writes the header and then each row as it comes (never the whole file in memory), to a stream that stays open.
    /// Values are formatted by <see cref="Cell"/>.
    /// </summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        await output.WriteAsync(Encoding.UTF8.Preamble.ToArray(), ct);
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
        await using (var csv = CsvDataWriter.Create(text, Options()))
        await using (var reader = new CsvRows(header, rows))
            await csv.WriteAsync(reader, ct);
        await text.FlushAsync(ct);
    }

    /// <summary>
    /// Text as a cell: one that starts like a formula (<c>= + - @</c>, tab, CR) gets a leading <c>'</c>, so a
    /// spreadsheet shows it and never runs it. Numbers are never passed through here: -10,00 stays a number.
    /// </summary>
    public static string Text(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    /// <summary>
    /// A value as its cell: text neutralised; money (decimal) with two decimals and a comma; a day as dd/mm/aaaa; a time
    /// of day as hh:mm; a <see cref="DateTime"/> (a wall-clock time, already in the zone the file speaks) as
    /// dd/mm/aaaa hh:mm; numbers in pt-BR.
    /// </summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => Text(s),
        decimal d => d.ToString("0.00", Brazil),
        double x => x.ToString("0.####", Brazil),
        DateOnly day => day.ToString("dd/MM/yyyy", Brazil),
        TimeOnly time => time.ToString("HH:mm", Brazil),
        DateTime local => local.ToString("dd/MM/yyyy HH:mm", Brazil),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, Brazil),
        _ => Text(value.ToString() ?? ""),
    };
}
