using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace WorkshopCrm.Modules.Pipeline.Exports;

/// <summary>
/// A list as an Excel workbook of one sheet, written row by row as the rows are read (SpreadCheetah keeps no sheet in
/// memory and writes text inline, without a shared-strings table): money, days, times and moments are real number and
/// date cells; every text is a text cell, which Excel shows and never runs as a formula (ADR 0023).
/// </summary>
internal static class XlsxSheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync(Stream output, string name, IReadOnlyList<string> header, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var book = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { CompressionLevel = SpreadCheetahCompressionLevel.Fastest }, ct);
        await book.StartWorksheetAsync(name, new WorksheetOptions { FrozenRows = 1 }, ct);
        var styles = new CellStyles(book);
        await book.AddHeaderRowAsync(header.ToArray(), styles.Header, ct);
        var cells = new Cell[header.Count];
        await foreach (var row in rows.WithCancellation(ct))
        {
            for (var i = 0; i < cells.Length; i++)
                cells[i] = styles.CellOf(i < row.Length ? row[i] : null);
            await book.AddRowAsync(cells, ct);
        }

        await book.FinishAsync(ct);
    }

    private sealed class CellStyles(Spreadsheet book)
    {
        public StyleId Header { get; } = book.AddStyle(new Style { Font = { Bold = true } });
        private readonly StyleId _money = book.AddStyle(new Style { Format = NumberFormat.Custom("#,##0.00") });
        private readonly StyleId _day = book.AddStyle(new Style { Format = NumberFormat.Custom("dd/mm/yyyy") });
        private readonly StyleId _time = book.AddStyle(new Style { Format = NumberFormat.Custom("hh:mm") });
        private readonly StyleId _moment = book.AddStyle(new Style { Format = NumberFormat.Custom("dd/mm/yyyy hh:mm") });

        /// <summary>The cell of a value as the export rows hold it (see ExportFile): text, money, a day, a time, a company-time moment, a count.</summary>
        public Cell CellOf(object? value) => value switch
        {
            null => new Cell((string?)null),
            string text => new Cell(text),
            decimal money => new Cell(money, _money),
            int count => new Cell(count),
            long count => new Cell(count),
            DateOnly day => new Cell(day.ToDateTime(TimeOnly.MinValue), _day),
            TimeOnly time => new Cell(time.ToTimeSpan().TotalDays, _time), // Excel's time of day: a fraction of a day
            DateTime local => new Cell(local, _moment),
            _ => new Cell(value.ToString()),
        };
    }
}
