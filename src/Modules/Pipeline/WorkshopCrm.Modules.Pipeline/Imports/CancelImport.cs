using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>Stops a run after the batch being written: rows already written stay, the rest are not written.</summary>
internal sealed class CancelImport(PipelineDb db, Access access, TimeProvider clock)
    : Endpoint<ImportIdRequest, Results<Accepted<ImportView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/imports/{id}/cancel");
        Summary(s => s.Summary = "Cancel the import (202): what is written stays, the rest is not written");
    }

    public override async Task<Results<Accepted<ImportView>, ProblemHttpResult>> ExecuteAsync(ImportIdRequest req, CancellationToken ct)
    {
        if (await ImportView.MineAsync(db, req.Id, access.UserId, ct) is not { } import)
            return Problems.NotFound("import.not_found", "No such import.");
        if (ImportStatus.IsFinished(import.ImportStatusId))
            return Problems.Conflict("import.finished", "This import has already finished.");

        if (import.ImportStatusId == ImportStatus.Uploaded)
        {
            import.ImportStatusId = ImportStatus.Cancelled;
            import.FinishedAt = clock.GetUtcNow();
        }
        else
            import.CancelRequested = true; // the runner stops before its next batch

        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/imports/{import.Id}", ImportView.Of(import));
    }
}
