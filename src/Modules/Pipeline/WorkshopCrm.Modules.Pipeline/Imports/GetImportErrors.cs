using FastEndpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Reports;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>
/// The rows the run refused, as they were in the file, with a last column saying why (in the import's language): the
/// user fixes them in Excel and imports this file again.
/// </summary>
internal sealed class GetImportErrors(PipelineDb db, Access access) : Endpoint<ImportIdRequest, Results<FileContentHttpResult, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/imports/{id}/errors");
        Summary(s => s.Summary = "The rejected rows as CSV, with a reason column");
    }

    public override async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExecuteAsync(ImportIdRequest req, CancellationToken ct)
    {
        if (await ImportView.MineAsync(db, req.Id, access.UserId, ct) is not { } import)
            return Problems.NotFound("import.not_found", "No such import.");

        var english = ImportText.IsEnglish(import.Language);
        var rejected = await db.ImportRejections.AsNoTracking().Where(r => r.ImportId == import.Id).OrderBy(r => r.Row)
            .Select(r => new { r.Row, r.Message, r.Cells }).ToListAsync(ct);
        var header = import.Columns.Append(english ? "Row" : "Linha").Append(english ? "Reason" : "Motivo").ToList();
        var rows = rejected.Select(r => (IReadOnlyList<object?>)[.. Pad(r.Cells, import.Columns.Length), r.Row, r.Message]);
        return ReportCsv.File($"{Path.GetFileNameWithoutExtension(import.FileName)}-{(english ? "rejected" : "rejeitadas")}", header, rows);
    }

    private static object?[] Pad(string?[] cells, int width) =>
        [.. cells.Take(width), .. Enumerable.Repeat<object?>(null, Math.Max(0, width - cells.Length))];
}
