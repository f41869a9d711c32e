namespace WorkshopCrm.Shared.Modules;

/// <summary>
/// A module's part of the company's data download (<c>GET /api/tenant/export</c>, ADR 0023): the tables of its schema
/// that are the company's, each read by one SELECT of the columns a company may take away — never a password hash, a
/// token or a secret. <see cref="Data.TenantDataZip"/> runs them all, bound to the company (row-level security), so
/// modules need not know of each other.
/// </summary>
public interface ITenantDataExport
{
    /// <summary>The module's schema: its folder in the ZIP.</summary>
    string Schema { get; }

    /// <summary>The tables exported, in the order they are written.</summary>
    IReadOnlyList<ExportedTable> Tables { get; }

    /// <summary>Tables of the schema left out on purpose, each with why (a test checks that no table is forgotten).</summary>
    IReadOnlyDictionary<string, string> Withheld { get; }
}

/// <summary>
/// One table of the export: <c>&lt;schema&gt;/&lt;Name&gt;.csv</c> with the rows of <paramref name="Sql"/>, a SELECT in
/// which <c>$1</c> is the company's id (tenant tables say <c>WHERE tenant_id = $1</c>; lookups need no parameter).
/// </summary>
public sealed record ExportedTable(string Name, string Sql);
