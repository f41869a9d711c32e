using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Sylvan.Data.Csv;
using WorkshopCrm.Shared.Spreadsheets;

namespace WorkshopCrm.Modules.Pipeline.Reports;

/// <summary>
/// A report as Excel in pt-BR opens it with a double click (<see cref="ExcelCsv"/>: UTF-8 with a BOM, <c>;</c>, decimal
/// comma, dd/mm/aaaa, CRLF, text that looks like a formula neutralised). A report is a few dozen rows: built in memory.
/// </summary>
internal static class ReportCsv
{
    public static FileContentHttpResult File(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var column in header)
            table.Columns.Add(column, typeof(string));
        foreach (var row in rows)
            table.Rows.Add(row.Select(ExcelCsv.Cell).ToArray<object>());

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvDataWriter.Create(text, ExcelCsv.Options()))
        using (var reader = table.CreateDataReader())
            csv.Write(reader);

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{name}.csv");
    }
}
