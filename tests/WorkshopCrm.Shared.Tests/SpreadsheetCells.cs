using System.Text;
using WorkshopCrm.Shared.Spreadsheets;

namespace WorkshopCrm.Shared.Tests;

/// <summary>The Excel pt-BR CSV dialect every file of the product uses (ADR 0023): cells and the neutralisation rule.</summary>
public sealed class SpreadsheetCells
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("Lia = cliente", "Lia = cliente")]
    [InlineData("", "")]
    public void Text_that_a_spreadsheet_would_run_gets_a_leading_quote(string text, string cell)
    {
        Assert.Equal(cell, ExcelCsv.Cell(text));
    }

    [Fact]
    public void Numbers_days_and_times_are_written_as_excel_in_portuguese_reads_them_and_never_neutralised()
    {
        Assert.Equal("-10,50", ExcelCsv.Cell(-10.5m));
        Assert.Equal("1234567,89", ExcelCsv.Cell(1234567.89m));
        Assert.Equal("28/11/2026", ExcelCsv.Cell(new DateOnly(2026, 11, 28)));
        Assert.Equal("14:30", ExcelCsv.Cell(new TimeOnly(14, 30)));
        Assert.Equal("28/11/2026 09:05", ExcelCsv.Cell(new DateTime(2026, 11, 28, 9, 5, 0)));
        Assert.Equal("-3", ExcelCsv.Cell(-3));
        Assert.Equal("", ExcelCsv.Cell(null));
    }

    [Fact]
    public async Task A_file_is_utf8_with_a_bom_semicolons_crlf_and_quotes_where_needed()
    {
        using var output = new MemoryStream();

        await ExcelCsv.WriteAsync(output, ["Nome", "Valor"], Rows(["Gonçalves; Filhos", 1.5m], ["Diz \"oi\"", null]), default);

        var bytes = output.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Nome;Valor\r\n\"Gonçalves; Filhos\";1,50\r\n\"Diz \"\"oi\"\"\";\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    private static async IAsyncEnumerable<object?[]> Rows(params object?[][] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
