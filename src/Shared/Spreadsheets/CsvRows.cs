using System.Collections;
using System.Collections.ObjectModel;
using System.Data.Common;

namespace WorkshopCrm.Shared.Spreadsheets;

/// <summary>
/// Rows as they arrive, shaped as the data reader Sylvan's CSV writer takes: every column text, formatted by
/// <see cref="ExcelCsv.Cell"/>. Read asynchronously only, so a row is fetched when the writer wants it and nothing is
/// buffered.
/// </summary>
internal sealed class CsvRows(IReadOnlyList<string> header, IAsyncEnumerable<object?[]> rows) : DbDataReader, IDbColumnSchemaGenerator
{
    private IAsyncEnumerator<object?[]>? _rows;
    private object?[] _current = [];
    private bool _closed;

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _rows ??= rows.GetAsyncEnumerator(cancellationToken);
        if (!await _rows.MoveNextAsync())
            return false;
        _current = _rows.Current;
        return true;
    }

    public override bool Read() => throw new NotSupportedException("Rows are read asynchronously (ReadAsync).");

    public override int FieldCount => header.Count;
    public override string GetName(int ordinal) => header[ordinal];
    public override int GetOrdinal(string name) => header.ToList().IndexOf(name);
    public override Type GetFieldType(int ordinal) => typeof(string);
    public override string GetDataTypeName(int ordinal) => "text";
    public override string GetString(int ordinal) => ExcelCsv.Cell(ordinal < _current.Length ? _current[ordinal] : null);
    public override object GetValue(int ordinal) => GetString(ordinal);
    public override bool IsDBNull(int ordinal) => false;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
            values[i] = GetValue(i);
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
            return text.Length;
        var count = Math.Max(0, Math.Min(length, text.Length - (int)dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public ReadOnlyCollection<DbColumn> GetColumnSchema() =>
        header.Select((name, i) => (DbColumn)new TextColumn(name, i)).ToList().AsReadOnly();

    public override bool HasRows => true;
    public override bool IsClosed => _closed;
    public override int RecordsAffected => -1;
    public override int Depth => 0;
    public override bool NextResult() => false;
    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    public override async ValueTask DisposeAsync()
    {
        _closed = true;
        if (_rows is not null)
            await _rows.DisposeAsync();
        await base.DisposeAsync();
    }

    // Every column is text: the typed getters are never asked for.
    public override bool GetBoolean(int ordinal) => throw TextOnly();
    public override byte GetByte(int ordinal) => throw TextOnly();
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw TextOnly();
    public override char GetChar(int ordinal) => throw TextOnly();
    public override DateTime GetDateTime(int ordinal) => throw TextOnly();
    public override decimal GetDecimal(int ordinal) => throw TextOnly();
    public override double GetDouble(int ordinal) => throw TextOnly();
    public override float GetFloat(int ordinal) => throw TextOnly();
    public override Guid GetGuid(int ordinal) => throw TextOnly();
    public override short GetInt16(int ordinal) => throw TextOnly();
    public override int GetInt32(int ordinal) => throw TextOnly();
    public override long GetInt64(int ordinal) => throw TextOnly();

    private static NotSupportedException TextOnly() => new("Every column is text.");

    private sealed class TextColumn : DbColumn
    {
        public TextColumn(string name, int ordinal)
        {
            ColumnName = name;
            ColumnOrdinal = ordinal;
            DataType = typeof(string);
            DataTypeName = "text";
            AllowDBNull = false;
        }
    }
}
