using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Sylvan.Data.Csv;

namespace WorkshopCrm.Modules.Pipeline.Reports;

/// <summary>
/// A report as Excel in pt-BR opens it with a double click: UTF-8 with a BOM, <c>;</c> between fields, decimal comma,
/// dates as dd/mm/aaaa, CRLF line ends; Sylvan.Data.Csv quotes what needs quoting.
/// </summary>
internal static class ReportCsv
{
    private static readonly CultureInfo Brazil = CultureInfo.GetCultureInfo("pt-BR");

    public static FileContentHttpResult File(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var column in header)
            table.Columns.Add(column, typeof(string));
        foreach (var row in rows)
            table.Rows.Add(row.Select(Format).ToArray<object>());

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvDataWriter.Create(text, new CsvDataWriterOptions { Delimiter = ';', Culture = Brazil, NewLine = "\r\n" }))
        using (var reader = table.CreateDataReader())
            csv.Write(reader);

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.00", Brazil),
        double x => x.ToString("0.####", Brazil),
        DateOnly day => day.ToString("dd/MM/yyyy", Brazil),
        IFormattable f => f.ToString(null, Brazil),
        _ => value.ToString() ?? "",
    };
}
