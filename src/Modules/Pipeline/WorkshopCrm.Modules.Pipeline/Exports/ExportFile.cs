using System.Globalization;
using System.Runtime.CompilerServices;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Spreadsheets;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Exports;

internal static class ExportFormats
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
}

/// <summary>What every export asks besides its list's filters: the file's format (csv when not said).</summary>
internal interface IExportRequest
{
    string? Format { get; }
}

internal static class ExportRules
{
    public static void Apply<T>(AbstractValidator<T> v) where T : IExportRequest =>
        v.RuleFor(r => r.Format).Must(f => f is null or ExportFormats.Csv or ExportFormats.Xlsx)
            .WithMessage("Must be csv or xlsx.").OverridePropertyName("format");
}

/// <summary>
/// A list as a file: <paramref name="Kind"/> names it (leads-2026-11-28.csv), <paramref name="Sheet"/> and
/// <paramref name="Header"/> are in the caller's language, and <paramref name="Rows"/> come as they are read. A row's
/// values are text (<see cref="string"/>), money (<see cref="decimal"/>), a day (<see cref="DateOnly"/>), a time of day
/// (<see cref="TimeOnly"/>) or a moment in company time (<see cref="DateTime"/>, from <see cref="ExportFile.Local"/>).
/// </summary>
internal sealed record ExportTable(string Kind, string Sheet, IReadOnlyList<string> Header, IAsyncEnumerable<object?[]> Rows);

/// <summary>
/// Sends a list the caller can see as a CSV (Excel pt-BR) or XLSX file (ADR 0023). The export goes into the audit log
/// first, in a small transaction of its own, so it is on record even when the download breaks off; then the file is
/// written to the response as the rows are read from the database: never the whole file in memory.
/// </summary>
internal sealed class ExportFile(PipelineDb db, ICurrentUser caller, CompanyCalendar calendar, TimeProvider clock)
{
    public static bool English(HttpContext http) =>
        Locales.FromAcceptLanguage(http.Request.Headers.AcceptLanguage.ToString()) == Locales.English;

    /// <summary>An instant as the company's clock showed it (Pipeline:TimeZone): what a person reads in a file.</summary>
    public DateTime? Local(DateTimeOffset? instant) => instant is { } at ? calendar.Local(at) : null;

    /// <summary>The filters a list was exported with, for the audit log: names and ids, never a searched text.</summary>
    public static string Filters(params (string Name, object? Value)[] filters) =>
        string.Concat(filters.Where(f => f.Value is not null and not false)
            .Select(f => f.Value switch
            {
                true => $", {f.Name}",
                DateOnly day => string.Create(CultureInfo.InvariantCulture, $", {f.Name}={day:yyyy-MM-dd}"),
                _ => string.Create(CultureInfo.InvariantCulture, $", {f.Name}={f.Value}"),
            }));

    public async Task SendAsync(HttpContext http, ExportTable table, string? format, string filters, CancellationToken ct)
    {
        format ??= ExportFormats.Csv;
        db.Publish(new AuditRecorded(caller.TenantId, caller.UserId, AuditActions.Export, $"{table.Kind}, {format}{filters}",
            http.Connection.RemoteIpAddress?.ToString(), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);

        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format == ExportFormats.Xlsx ? XlsxSheet.ContentType : "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture,
            $"attachment; filename=\"{table.Kind}-{calendar.Now().Today:yyyy-MM-dd}.{format}\"");
        response.Headers.CacheControl = "no-store";
        // The response's pipe, not Response.Body: an XLSX is a ZIP, and .NET's ZipArchive writes each entry's data
        // descriptor synchronously, which Response.Body refuses; the pipe takes those few bytes.
        var body = response.BodyWriter.AsStream(leaveOpen: true);
        if (format == ExportFormats.Xlsx)
            await XlsxSheet.WriteAsync(body, table.Sheet, table.Header, table.Rows, ct);
        else
            await ExcelCsv.WriteAsync(body, table.Header, table.Rows, ct);
        await body.FlushAsync(ct);
    }

    /// <summary>A query's rows as they come from the database (AsAsyncEnumerable: one row in memory at a time), as cells.</summary>
    public static async IAsyncEnumerable<object?[]> Rows<T>(IQueryable<T> query, Func<T, object?[]> cells, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(ct))
            yield return cells(row);
    }
}
