using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using WorkshopCrm.Shared.Modules;
using WorkshopCrm.Shared.Spreadsheets;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// The company's data as a ZIP (ADR 0023): every module's <see cref="ITenantDataExport"/> tables, one CSV each
/// (<c>&lt;schema&gt;/&lt;table&gt;.csv</c>, the Excel pt-BR dialect of <see cref="ExcelCsv"/>), written to the output as
/// the rows are read. Hand-written SQL because it pays here: each table is one SELECT streamed from its data reader
/// straight into its CSV. Everything is read in one read-only REPEATABLE READ transaction bound to the company
/// (row-level security, ADR 0018), so the files are one consistent moment and no other company's row can be in them.
/// </summary>
public sealed class TenantDataZip(NpgsqlDataSource dataSource, IEnumerable<ITenantDataExport> modules)
{
    private const string ReadMe =
        """
        Workshop CRM — dados da empresa / the company's data

        Uma pasta por módulo, um arquivo CSV por tabela; as colunas são as do banco de dados.
        CSV para o Excel em português: UTF-8, campos separados por ";", vírgula decimal.
        Datas e horas (colunas *_at) em UTC, como aaaa-mm-dd hh:mm:ss; dias como aaaa-mm-dd.
        Textos que começam com = + - @ levam um ' na frente, para que uma planilha nunca os execute como fórmula.
        Senhas, tokens e segredos não são exportados.

        One folder per module, one CSV file per table; the columns are the database's.
        CSV for Excel in Portuguese: UTF-8, fields separated by ";", decimal comma.
        Dates and times (*_at columns) in UTC, as yyyy-mm-dd hh:mm:ss; days as yyyy-mm-dd.
        Text starting with = + - @ gets a leading ', so that a spreadsheet never runs it as a formula.
        Passwords, tokens and secrets are not exported.
        """;

    /// <summary>The tables of every module, in the order the modules were registered.</summary>
    public IEnumerable<(string Schema, ExportedTable Table)> Tables =>
        modules.SelectMany(m => m.Tables.Select(t => (m.Schema, t)));

    public async Task WriteAsync(long tenantId, Stream output, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var begin = new NpgsqlBatch(connection, transaction))
        {
            begin.BatchCommands.Add(new NpgsqlBatchCommand("SET TRANSACTION READ ONLY"));
            begin.BatchCommands.Add(RowLevelSecurity.BindTenant(tenantId));
            await begin.ExecuteNonQueryAsync(ct);
        }

        await using (var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, ct))
        {
            await using (var readMe = await zip.CreateEntry("LEIA-ME.txt", CompressionLevel.Fastest).OpenAsync(ct))
                await readMe.WriteAsync(Encoding.UTF8.GetBytes(ReadMe.ReplaceLineEndings("\r\n")), ct);

            foreach (var (schema, table) in Tables)
            {
                await using var command = new NpgsqlCommand(table.Sql, connection, transaction);
                if (table.Sql.Contains("$1", StringComparison.Ordinal))
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tenantId });
                await using var reader = await command.ExecuteReaderAsync(ct);
                var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                await using var entry = await zip.CreateEntry($"{schema}/{table.Name}.csv", CompressionLevel.Fastest).OpenAsync(ct);
                await ExcelCsv.WriteAsync(entry, header, RowsOf(reader, ct), ct);
            }
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Each row's values as cells: instants in UTC and days as ISO dates (the ZIP serves every module, and only
    /// Pipeline knows the company's time zone), everything else as <see cref="ExcelCsv.Cell"/> writes it.
    /// </summary>
    private static async IAsyncEnumerable<object?[]> RowsOf(NpgsqlDataReader reader, [EnumeratorCancellation] CancellationToken ct)
    {
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[types.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : types[i] switch
                {
                    "timestamp with time zone" => reader.GetFieldValue<DateTime>(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    "date" => reader.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "time without time zone" => reader.GetFieldValue<TimeOnly>(i),
                    _ => reader.GetValue(i),
                };
            }

            yield return row;
        }
    }
}
