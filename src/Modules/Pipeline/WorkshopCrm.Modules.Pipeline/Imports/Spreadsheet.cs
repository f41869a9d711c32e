using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Sylvan.Data.Csv;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>Why a file cannot be imported: the user's words for it, and the HTTP status (400, or 413 for too big).</summary>
internal sealed class SpreadsheetRefused(string code, int status = 400) : Exception(code)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}

/// <summary>What a file is, found by looking at its bytes (never at its name alone).</summary>
internal sealed record SpreadsheetKind(string Format, Encoding? Encoding, char Separator)
{
    public string? EncodingName => Encoding switch
    {
        null => null,
        UTF8Encoding => "utf-8",
        UnicodeEncoding => "utf-16",
        _ => "windows-1252",
    };

    public static SpreadsheetKind Of(string format, string? encoding, string? separator) => new(
        format,
        encoding switch
        {
            null => null,
            "utf-8" => new UTF8Encoding(false),
            "utf-16" => Encoding.Unicode,
            _ => Spreadsheet.Windows1252,
        },
        separator is { Length: 1 } s ? s[0] : ',');
}

/// <summary>
/// Reads a .csv or .xlsx as rows of cells, one row at a time, from a seekable file: CSV through Sylvan.Data.Csv (quoted
/// fields with line breaks, the detected separator and encoding), XLSX through MiniExcel (a formula cell is its cached
/// value, never evaluated). The first row is the header. Limits stop a hostile file early: a row wider than
/// <see cref="MaxColumns"/>, a field larger than a megabyte, more rows than asked for, an XLSX that unpacks to more
/// than <see cref="MaxUnpackedBytes"/> (a zip bomb).
/// </summary>
internal static class Spreadsheet
{
    public const int MaxColumns = 200;
    public const long MaxUnpackedBytes = 400L * 1024 * 1024;
    public const int SampleRows = 5;

    public static readonly Encoding Windows1252 = CodePages(1252);

    private static Encoding CodePages(int page)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(page);
    }

    /// <summary>Finds the format, encoding and separator of <paramref name="file"/> (rewound after), or refuses it.</summary>
    public static SpreadsheetKind Detect(Stream file)
    {
        if (file.Length == 0)
            throw new SpreadsheetRefused("import.file_empty");
        Span<byte> head = stackalloc byte[8];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        file.Position = 0;

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            CheckWorkbook(file);
            return new SpreadsheetKind("xlsx", null, ',');
        }

        // An encrypted .xlsx (any password-protected Office file) and an old .xls are OLE compound files.
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
            throw new SpreadsheetRefused("import.file_protected_or_xls");

        var encoding = DetectEncoding(file);
        var separator = DetectSeparator(file, encoding);
        return new SpreadsheetKind("csv", encoding, separator);
    }

    /// <summary>
    /// UTF-16 by its byte order mark; otherwise UTF-8 when every byte of the file decodes as UTF-8 (with or without a
    /// BOM), else Windows-1252, what Excel in pt-BR writes for "CSV (separado por vírgulas)". A NUL byte in an 8-bit
    /// text is no spreadsheet (an executable, an image, a renamed binary).
    /// </summary>
    private static Encoding DetectEncoding(Stream file)
    {
        Span<byte> bom = stackalloc byte[2];
        var n = file.ReadAtLeast(bom, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (n == 2 && bom[0] == 0xFF && bom[1] == 0xFE)
            return Encoding.Unicode;
        if (n == 2 && bom[0] == 0xFE && bom[1] == 0xFF)
            return Encoding.BigEndianUnicode;

        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[64 * 1024 + 4];
        var utf8 = true;
        int count;
        while ((count = file.Read(bytes)) > 0)
        {
            if (bytes.AsSpan(0, count).Contains((byte)0))
                throw new SpreadsheetRefused("import.file_not_spreadsheet");
            if (!utf8)
                continue;
            try
            {
                decoder.GetChars(bytes, 0, count, chars, 0, flush: false);
            }
            catch (DecoderFallbackException)
            {
                utf8 = false;
            }
        }

        file.Position = 0;
        return utf8 ? new UTF8Encoding(false) : Windows1252;
    }

    /// <summary>The one of <c>;</c>, <c>,</c> and tab that the header row has most of, outside quotes (<c>,</c> when none).</summary>
    private static char DetectSeparator(Stream file, Encoding encoding)
    {
        using var text = new StreamReader(file, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var counts = new Dictionary<char, int> { [';'] = 0, [','] = 0, ['\t'] = 0 };
        var quoted = false;
        var seen = 0;
        int c;
        while ((c = text.Read()) >= 0 && seen++ < 64 * 1024)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r'))
                break;
            else if (!quoted && counts.ContainsKey((char)c))
                counts[(char)c]++;
        }

        file.Position = 0;
        var best = counts.OrderByDescending(x => x.Value).ThenBy(x => x.Key == ',' ? 0 : 1).First();
        return best.Value == 0 ? ',' : best.Key;
    }

    /// <summary>A workbook's entries, by their declared sizes: a few KB that unpack to gigabytes are refused unread.</summary>
    private static void CheckWorkbook(Stream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            long unpacked = 0;
            var sheet = false;
            foreach (var entry in zip.Entries)
            {
                unpacked += entry.Length;
                sheet |= entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase);
                if (entry.FullName.Equals("EncryptionInfo", StringComparison.OrdinalIgnoreCase))
                    throw new SpreadsheetRefused("import.file_protected_or_xls");
            }

            if (unpacked > MaxUnpackedBytes)
                throw new SpreadsheetRefused("import.file_too_large_unpacked", StatusCodes413);
            if (!sheet)
                throw new SpreadsheetRefused("import.file_not_spreadsheet");
        }
        catch (InvalidDataException)
        {
            throw new SpreadsheetRefused("import.file_not_spreadsheet");
        }
        finally
        {
            file.Position = 0;
        }
    }

    private const int StatusCodes413 = 413;

    /// <summary>
    /// The file's rows, header first, each cell a string, a double or a DateTime (XLSX) or a string (CSV), null when
    /// empty. Rows whose cells are all empty are skipped, but their numbers count: <c>Row</c> is what the spreadsheet
    /// shows (the header is 1).
    /// </summary>
    public static IEnumerable<SpreadsheetRow> Rows(Stream file, SpreadsheetKind kind)
    {
        file.Position = 0;
        return kind.Format == "xlsx" ? WorkbookRows(file) : CsvRows(file, kind);
    }

    private static IEnumerable<SpreadsheetRow> CsvRows(Stream file, SpreadsheetKind kind)
    {
        using var text = new StreamReader(file, kind.Encoding!, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                HasHeaders = false,
                Delimiter = kind.Separator,
                BufferSize = 64 * 1024,
                MaxBufferSize = 1024 * 1024,
            });
        }
        catch (CsvFormatException)
        {
            throw new SpreadsheetRefused("import.file_malformed");
        }

        using (csv)
        {
            var row = 0;
            while (Next(csv))
            {
                row++;
                if (csv.FieldCount > MaxColumns)
                    throw new SpreadsheetRefused("import.too_many_columns");
                var cells = new object?[csv.FieldCount];
                var empty = true;
                for (var i = 0; i < cells.Length; i++)
                {
                    var value = csv.GetString(i);
                    if (value.Length > 0)
                    {
                        cells[i] = value;
                        empty = empty && string.IsNullOrWhiteSpace(value);
                    }
                }

                if (!empty)
                    yield return new SpreadsheetRow(row, cells);
            }
        }
    }

    private static bool Next(CsvDataReader csv)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvRecordTooLargeException)
        {
            throw new SpreadsheetRefused("import.row_too_large");
        }
        catch (CsvFormatException)
        {
            throw new SpreadsheetRefused("import.file_malformed");
        }
    }

    private static IEnumerable<SpreadsheetRow> WorkbookRows(Stream file)
    {
        IEnumerator<object> rows;
        try
        {
            rows = MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX,
                configuration: new OpenXmlConfiguration { FillMergedCells = false }).GetEnumerator();
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new SpreadsheetRefused("import.file_not_spreadsheet");
        }

        using (rows)
        {
            var row = 0;
            while (NextWorkbookRow(rows))
            {
                row++;
                if (rows.Current is not IDictionary<string, object?> cellsByColumn)
                    continue;
                if (cellsByColumn.Count > MaxColumns)
                    throw new SpreadsheetRefused("import.too_many_columns");
                var cells = new object?[cellsByColumn.Count];
                var empty = true;
                var i = 0;
                foreach (var value in cellsByColumn.Values)
                {
                    var cell = value switch
                    {
                        null => null,
                        string s when s.Length == 0 => null,
                        string or double or DateTime => value,
                        IConvertible c => c.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => value.ToString(),
                    };
                    cells[i++] = cell;
                    empty = empty && (cell is null || (cell is string s2 && string.IsNullOrWhiteSpace(s2)));
                }

                if (!empty)
                    yield return new SpreadsheetRow(row, cells);
            }
        }
    }

    private static bool NextWorkbookRow(IEnumerator<object> rows)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or FormatException or InvalidCastException or IndexOutOfRangeException)
        {
            throw new SpreadsheetRefused("import.file_malformed");
        }
    }
}

/// <summary>One row of a spreadsheet: its number as the spreadsheet shows it (header = 1) and its cells.</summary>
internal sealed record SpreadsheetRow(int Row, object?[] Cells)
{
    public object? this[int column] => column < Cells.Length ? Cells[column] : null;

    /// <summary>The cells as text, for the rejected rows' file and the sample rows.</summary>
    public string?[] Texts() => Cells.Select(ImportValues.Text).ToArray();
}
